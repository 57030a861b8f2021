package io.herald.events;

import io.herald.kernel.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Events and webhook deliveries as meters (the style of {@code PostMetrics}): every count is taken
 * when the transaction that made it true commits.
 */
@Component
class EventMetrics {

    /** What became of one delivery attempt. */
    enum Outcome {
        /** the receiver answered 2xx */
        DELIVERED,
        /** it failed and waits its backoff */
        RETRIED,
        /** it failed past the give-up time: the webhook is disabled */
        FAILED;

        String tag() {
            return name().toLowerCase();
        }
    }

    private static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(30),
        Duration.ofHours(1),
        Duration.ofHours(6),
        Duration.ofHours(24)
    };

    private final MeterRegistry registry;

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recorded(EventType type) {
        var counter = Counter.builder("herald.events.records")
                .description("Events written, by type")
                .tag("type", type.wire())
                .register(registry);
        AfterCommit.run(counter::increment);
    }

    void attempted(Outcome outcome) {
        var counter = Counter.builder("herald.webhooks.deliveries")
                .description("Organization webhook delivery attempts, by outcome")
                .tag("outcome", outcome.tag())
                .register(registry);
        AfterCommit.run(counter::increment);
    }

    /** A delivery arrived {@code lag} after its event was written: how far the relays are behind. */
    void delivered(Duration lag) {
        var timer = Timer.builder("herald.webhooks.relay.lag")
                .description("How long after its event was written a delivery was accepted by its receiver")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        AfterCommit.run(() -> timer.record(lag.isNegative() ? Duration.ZERO : lag));
    }
}
