package io.herald.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.PublicSurfaceTest;
import io.herald.support.Tenant;
import io.herald.support.TestClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A replayed create is not counted by the posts rate limit (spec §10.5, §6); the limit here is 5 an hour. */
@PublicSurfaceTest
class IdempotencyRateLimitIntegrationTests {

    @LocalServerPort
    int port;

    @BeforeEach
    void pinClock() {
        TestClock.SHARED.pin(Instant.parse("2030-01-01T10:15:00Z"));
    }

    @AfterEach
    void resetClock() {
        TestClock.SHARED.reset();
    }

    @Test
    void replaysAreNotCountedAndAnswerNoLimitHeaders() {
        var tenant = Tenant.create(new HeraldClient(port));
        var body = """
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"x"}]}]}""".formatted(tenant.webhook("Hook"));

        var first = tenant.send("POST", "/public/v1/posts", body, Map.of("Idempotency-Key", "once"));
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).contains("4");
        for (int i = 0; i < 6; i++) {
            var replay = tenant.send("POST", "/public/v1/posts", body, Map.of("Idempotency-Key", "once"));
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(replay.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
        }

        var next = tenant.send("POST", "/public/v1/posts", body, Map.of("Idempotency-Key", "twice"));

        assertThat(next.status()).isEqualTo(201);
        assertThat(next.headers().firstValue("X-RateLimit-Remaining")).contains("3");
    }
}
