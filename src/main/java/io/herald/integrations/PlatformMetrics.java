package io.herald.integrations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** How long sending one post to its platform takes, retries and media uploads included. */
@Component
class PlatformMetrics {

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

    PublishResult timed(String provider, Supplier<PublishResult> call) {
        var sample = Timer.start(registry);
        var result = call.get();
        sample.stop(Timer.builder("herald.platform.calls")
                .description("Sending one post to its platform, retries included, by provider and outcome")
                .tag("provider", provider)
                .tag("outcome", outcome(result))
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
        return result;
    }

    private static String outcome(PublishResult result) {
        if (result instanceof PublishResult.Published) {
            return "published";
        }
        return result instanceof PublishResult.Deferred ? "deferred" : "failed";
    }
}
