package io.herald.posts.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The publishing settings that bound each other are checked against each other at start-up. */
class PublishingPropertiesTests {

    private static jakarta.validation.ValidatorFactory factory;

    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void theDefaultsHoldTogether() {
        assertThat(validator.validate(settings(Duration.ofMinutes(10), Duration.ofMinutes(15), 5, 60)))
                .isEmpty();
    }

    @Test
    void refusesASendTimeoutThatReachesStuckAfter() {
        assertThat(messages(settings(Duration.ofMinutes(15), Duration.ofMinutes(15), 5, 60)))
                .containsExactly("herald.publishing.send-timeout must be shorter than herald.publishing.stuck-after");
    }

    @Test
    void refusesAThresholdOfFewerThanThreeHeartbeats() {
        assertThat(messages(settings(Duration.ofMinutes(10), Duration.ofMinutes(15), 5, 14)))
                .containsExactly("herald.publishing.node-dead-after must be at least three times"
                        + " herald.publishing.heartbeat-interval");
        assertThat(validator.validate(settings(Duration.ofMinutes(10), Duration.ofMinutes(15), 5, 15)))
                .isEmpty();
    }

    @Test
    void aNodeClaimsOnlyWithAHeartbeatYoungerThanHalfTheThreshold() {
        assertThat(settings(Duration.ofMinutes(10), Duration.ofMinutes(15), 5, 60)
                        .claimFreshness())
                .isEqualTo(Duration.ofSeconds(30));
    }

    private static java.util.List<String> messages(PublishingProperties properties) {
        return validator.validate(properties).stream()
                .map(ConstraintViolation::getMessage)
                .toList();
    }

    private static PublishingProperties settings(
            Duration sendTimeout, Duration stuckAfter, int heartbeatSeconds, int deadAfterSeconds) {
        return new PublishingProperties(
                true,
                16,
                Duration.ofSeconds(1),
                Duration.ofHours(24),
                Duration.ofSeconds(15),
                Duration.ofSeconds(30),
                sendTimeout,
                stuckAfter,
                Duration.ofSeconds(heartbeatSeconds),
                Duration.ofSeconds(deadAfterSeconds));
    }
}
