package io.herald.posts.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldInstance;
import io.herald.support.HeraldProcess;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import io.herald.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A small, opt-in measurement of the publisher (not part of {@code mvn verify}):
 * {@code mvn test -Dtest=DrainMeasurementTests -Dherald.bench.drain=true}. One node in a process
 * of its own, with the production defaults for senders and connections, publishes to a local
 * receiver that answers at once: first 2,000 posts due at one instant (the drain: how long until the
 * last went out), then 20 posts due every second for 30 seconds (steady lag: published minus due).
 * It prints the figures; it asserts only that every post went out once. Compare runs on one machine
 * only, one after the other.
 */
@EnabledIfSystemProperty(named = "herald.bench.drain", matches = "true")
class DrainMeasurementTests {

    private static final int DRAIN = 2_000;

    private static final int STEADY_PER_SECOND = 20;

    private static final int STEADY_SECONDS = 30;

    private final JdbcClient jdbc = JdbcClient.create(
            new SimpleDriverDataSource(new org.postgresql.Driver(), TestDatabase.url(), "postgres", ""));

    @Test
    void drainsABurstAndKeepsUpWithASteadyFlow() throws Exception {
        try (var receiver = new PlatformStub();
                var node = HeraldProcess.start(
                        HeraldInstance.cluster("herald-bench-" + UUID.randomUUID()),
                        "herald.publishing.threads=16",
                        "spring.datasource.hikari.maximum-pool-size=30",
                        "logging.level.io.herald.requests=WARN")) {
            var tenant = Tenant.create(node.client());
            var integration = tenant.integration(
                    "Bench", "webhook", "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(receiver.url("/hook")));

            // warm-up: the JIT and the pools, not measured
            var warmUp = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
            create(tenant, integration, 300, i -> warmUp);
            awaitPublished(tenant, 300);

            var due = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
            create(tenant, integration, DRAIN, i -> due);
            assertThat(Instant.now()).as("creating took too long").isBefore(due);
            awaitPublished(tenant, 300 + DRAIN);
            var drain = lags(tenant, due, due.plusSeconds(1));
            var last = drain.get(drain.size() - 1);
            System.out.printf(
                    "drain: %d posts due at one instant, all published %.2f s after (%.0f posts/s); lag p50 %.2f s,"
                            + " p99 %.2f s%n",
                    DRAIN, last, DRAIN / last, percentile(drain, 50), percentile(drain, 99));

            var start = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
            var steady = STEADY_PER_SECOND * STEADY_SECONDS;
            create(tenant, integration, steady, i -> start.plusMillis(i * 1000L / STEADY_PER_SECOND));
            assertThat(Instant.now()).as("creating took too long").isBefore(start);
            awaitPublished(tenant, 300 + DRAIN + steady);
            var lags = lags(tenant, start, start.plusSeconds(STEADY_SECONDS + 1));
            System.out.printf(
                    "steady: %d posts due a second for %d s; lag p50 %.3f s, p99 %.3f s, max %.3f s%n",
                    STEADY_PER_SECOND,
                    STEADY_SECONDS,
                    percentile(lags, 50),
                    percentile(lags, 99),
                    lags.get(lags.size() - 1));

            assertThat(receiver.received("/hook")).hasSize(300 + DRAIN + steady);
        }
    }

    private static void create(
            Tenant tenant, String integration, int count, java.util.function.IntFunction<Instant> due)
            throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            var created = new ArrayList<Future<?>>();
            for (int i = 0; i < count; i++) {
                var at = due.apply(i);
                var n = i;
                created.add(pool.submit(() -> tenant.createPosts("""
                        {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"bench %d"}]}]}
                        """.formatted(at, integration, n))));
            }
            for (var future : created) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void awaitPublished(Tenant tenant, int count) {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.sql("select count(*) from posts where organization_id = cast(:o as uuid)"
                                        + " and state = 'PUBLISHED'")
                                .param("o", tenant.id())
                                .query(Long.class)
                                .single()
                        == count);
    }

    /** Published minus due, in seconds, of the posts due in [from, to), ascending. */
    private List<Double> lags(Tenant tenant, Instant from, Instant to) {
        return jdbc.sql("""
                        select extract(epoch from published_at - publish_date)::float8 from posts
                        where organization_id = cast(:o as uuid) and publish_date >= :from and publish_date < :to
                        order by 1
                        """)
                .param("o", tenant.id())
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .query(Double.class)
                .list();
    }

    private static double percentile(List<Double> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
