package io.herald.integrations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** How long sending one post to its platform takes, retries and media uploads included. */
@Component
class PlatformMetrics {

    private static final Logger log = LoggerFactory.getLogger(PlatformMetrics.class);

    /** Histogram buckets, from a quick webhook to a slow media upload with retries. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5)
    };

    private final MeterRegistry registry;

    PlatformMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Times the call; the result is answered even if the meter cannot take it (the post may have gone out). */
    PublishResult timed(String provider, Supplier<PublishResult> call) {
        var sample = Timer.start(registry);
        var result = call.get();
        try {
            sample.stop(Timer.builder("herald.platform.calls")
                    .description("Sending one post to its platform, retries included, by provider and outcome")
                    .tag("provider", provider)
                    .tag("outcome", outcome(result))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry));
        } catch (RuntimeException e) {
            log.warn("Could not time the publication on {}: {}", provider, e.toString());
        }
        return result;
    }

    private static String outcome(PublishResult result) {
        if (result instanceof PublishResult.Published) {
            return "published";
        }
        return result instanceof PublishResult.Deferred ? "deferred" : "failed";
    }
}
