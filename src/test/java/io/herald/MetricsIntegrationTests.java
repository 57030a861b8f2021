package io.herald;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldClient;
import io.herald.support.PlatformStub;
import io.herald.support.PublicSurfaceTest;
import io.herald.support.Tenant;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Herald's own meters, as Prometheus scrapes them from /actuator/prometheus (admin token required).
 * The context is shared, so every assertion is on how much a meter grew during the test.
 */
@PublicSurfaceTest
class MetricsIntegrationTests {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @LocalServerPort
    int port;

    HeraldClient client;

    PlatformStub platform;

    @BeforeEach
    void setUp() {
        client = new HeraldClient(port);
        platform = new PlatformStub();
        platform.answer(request -> request.path().equals("/refuses")
                ? PlatformStub.Answer.json(400, "{\"error\":\"no\"}")
                : PlatformStub.Answer.json(200, "{}"));
    }

    @AfterEach
    void tearDown() {
        platform.close();
    }

    @Test
    void theScrapeNeedsTheAdminToken() {
        assertThat(client.get("/actuator/prometheus", null).status()).isEqualTo(401);
        var scrape = client.get("/actuator/prometheus", Tenant.ADMIN);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.body()).contains("jvm_memory_used_bytes", "hikaricp_connections_active");
    }

    @Test
    void countsPostsCreatedPublishedFailedAndDeletedByProviderWithLagAndPlatformTime() {
        var tenant = Tenant.create(client);
        var accepts = tenant.integration("Accepts", "webhook", config("/accepts"));
        var refuses = tenant.integration("Refuses", "webhook", config("/refuses"));
        var before = scrape();

        tenant.createPosts(now(accepts, "[{\"content\":\"one\"},{\"content\":\"two\"}]"));
        tenant.createPosts(now(refuses, "[{\"content\":\"no\"},{\"content\":\"never sent\"}]"));
        var scheduled = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"later"}]}]}
                """.formatted(accepts));
        assertThat(tenant.delete("/public/v1/posts/"
                                + scheduled.get(0).get("postId").asString())
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var after = scrape();
            var webhook = Map.of("provider", "webhook");
            assertThat(grew(before, after, "herald_posts_creations_total", webhook))
                    .isEqualTo(5);
            assertThat(grew(before, after, "herald_posts_deletions_total", webhook))
                    .isEqualTo(1);
            assertThat(grew(before, after, "herald_posts_publications_total", webhook))
                    .isEqualTo(2);
            assertThat(grew(
                            before,
                            after,
                            "herald_posts_failures_total",
                            Map.of("provider", "webhook", "reason", "platform")))
                    .isEqualTo(1);
            assertThat(grew(
                            before,
                            after,
                            "herald_posts_failures_total",
                            Map.of("provider", "webhook", "reason", "thread")))
                    .isEqualTo(1);
            assertThat(grew(before, after, "herald_posts_publication_lag_seconds_count", webhook))
                    .isEqualTo(2);
            // A histogram: buckets Prometheus can take quantiles from.
            assertThat(grew(
                            before,
                            after,
                            "herald_posts_publication_lag_seconds_bucket",
                            Map.of("provider", "webhook", "le", "+Inf")))
                    .isEqualTo(2);
            assertThat(grew(
                            before,
                            after,
                            "herald_platform_calls_seconds_count",
                            Map.of("provider", "webhook", "outcome", "published")))
                    .isEqualTo(2);
            assertThat(grew(
                            before,
                            after,
                            "herald_platform_calls_seconds_count",
                            Map.of("provider", "webhook", "outcome", "failed")))
                    .isEqualTo(1);
        });
        assertThat(scrape())
                .containsKeys(
                        "herald_posts_publication_lag_seconds_bucket{application=\"herald\",provider=\"webhook\",le=\"60.0\"}",
                        "herald_platform_calls_seconds_bucket{application=\"herald\",outcome=\"published\",provider=\"webhook\",le=\"1.0\"}");
    }

    @Test
    void countsRateLimitRejections() {
        var tenant = Tenant.create(client);
        var before = scrape();

        for (int i = 0; i < PublicSurfaceTest.POSTS_PER_HOUR; i++) {
            // Invalid, so nothing is stored; each still counts against the limit.
            assertThat(tenant.post("/public/v1/posts", "{}").status()).isEqualTo(400);
        }
        assertThat(tenant.post("/public/v1/posts", "{}").status()).isEqualTo(429);

        assertThat(grew(before, scrape(), "herald_ratelimit_rejections_total", Map.of("limit", "posts:create")))
                .isEqualTo(1);
    }

    private String config(String path) {
        return "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(platform.url(path));
    }

    private static String now(String integration, String values) {
        return """
                {"type":"now","shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":%s}]}
                """.formatted(integration, values);
    }

    /** Every sample of the scrape, by its line's name and labels. */
    private Map<String, Double> scrape() {
        var response = client.get("/actuator/prometheus", Tenant.ADMIN);
        assertThat(response.status()).isEqualTo(200);
        var samples = new HashMap<String, Double>();
        response.body().lines().filter(line -> !line.startsWith("#")).forEach(line -> {
            var matcher = SAMPLE.matcher(line);
            if (matcher.matches()) {
                samples.put(
                        matcher.group(1) + "{" + (matcher.group(2) == null ? "" : matcher.group(2)) + "}",
                        Double.parseDouble(matcher.group(3)));
            }
        });
        return samples;
    }

    /** How much the samples named {@code name} whose labels include {@code labels} grew, in all. */
    private static long grew(
            Map<String, Double> before, Map<String, Double> after, String name, Map<String, String> labels) {
        return Math.round(sum(after, name, labels) - sum(before, name, labels));
    }

    private static double sum(Map<String, Double> samples, String name, Map<String, String> labels) {
        return samples.entrySet().stream()
                .filter(sample -> sample.getKey().startsWith(name + "{") && hasLabels(sample.getKey(), labels))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    private static boolean hasLabels(String sample, Map<String, String> labels) {
        var found = new HashMap<String, String>();
        var matcher = LABEL.matcher(sample.substring(sample.indexOf('{')));
        while (matcher.find()) {
            found.put(matcher.group(1), matcher.group(2));
        }
        return found.entrySet().containsAll(labels.entrySet());
    }
}
