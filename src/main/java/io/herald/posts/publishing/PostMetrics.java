package io.herald.posts.publishing;

import io.herald.integrations.Integrations;
import io.herald.kernel.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What happens to posts, as meters tagged by provider. Every count is taken when the transaction
 * that made it true commits, so a rolled-back create or a lost race counts nothing. (Nouns, not
 * "created": Prometheus reserves the {@code _created} suffix and would drop it from the name.)
 */
@Component
public class PostMetrics {

    /** Why a post failed: the platform refused it, it was too late, its node died, or its thread broke. */
    enum Failure {
        PLATFORM,
        MISSED,
        ABANDONED,
        THREAD;

        String tag() {
            return name().toLowerCase();
        }
    }

    /** Histogram buckets Prometheus can take quantiles from: from on time to a day late. */
    private static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofHours(1),
        Duration.ofHours(6),
        Duration.ofHours(24)
    };

    private final MeterRegistry registry;

    private final Integrations integrations;

    /** An integration's provider never changes, so it is looked up once. */
    private final Map<UUID, String> providers = new ConcurrentHashMap<>();

    PostMetrics(MeterRegistry registry, Integrations integrations) {
        this.registry = registry;
        this.integrations = integrations;
    }

    /** {@code posts} posts of the provider were created (counted once the transaction commits). */
    public void created(String provider, int posts) {
        var counter = counter("herald.posts.creations", "Posts created (thread items count one each)", provider);
        AfterCommit.run(() -> counter.increment(posts));
    }

    void deleted(UUID integrationId) {
        var counter = counter("herald.posts.deletions", "Posts deleted through the API", provider(integrationId));
        AfterCommit.run(counter::increment);
    }

    /** The post went out {@code lag} after it was due. */
    void published(UUID integrationId, Duration lag) {
        var provider = provider(integrationId);
        var counter = counter("herald.posts.publications", "Posts the platform accepted", provider);
        var timer = Timer.builder("herald.posts.publication.lag")
                .description("How late posts went out: when the platform accepted them minus when they were due")
                .tag("provider", provider)
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        AfterCommit.run(() -> {
            counter.increment();
            timer.record(lag.isNegative() ? Duration.ZERO : lag);
        });
    }

    void failed(UUID integrationId, Failure reason) {
        var counter = Counter.builder("herald.posts.failures")
                .description("Posts that ended in ERROR, by reason")
                .tag("provider", provider(integrationId))
                .tag("reason", reason.tag())
                .register(registry);
        AfterCommit.run(counter::increment);
    }

    private Counter counter(String name, String description, String provider) {
        return Counter.builder(name)
                .description(description)
                .tag("provider", provider)
                .register(registry);
    }

    private String provider(UUID integrationId) {
        return providers.computeIfAbsent(integrationId, integrations::identifier);
    }
}
