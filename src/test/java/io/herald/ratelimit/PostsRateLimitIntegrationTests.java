package io.herald.ratelimit;

import static io.herald.support.ExactJson.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.HeraldApplication;
import io.herald.support.HeraldClient;
import io.herald.support.PublicSurfaceTest;
import io.herald.support.Tenant;
import io.herald.support.TestClock;
import io.herald.support.TestClockConfiguration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@PublicSurfaceTest
class PostsRateLimitIntegrationTests {

    private static final int LIMIT = PublicSurfaceTest.POSTS_PER_HOUR;

    private static final String TOO_MANY =
            "{\"statusCode\":429,\"message\":\"Too Many Requests\",\"error\":\"Too Many Requests\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HeraldClient client;

    @BeforeEach
    void setUp() {
        client = new HeraldClient(port);
        // 45 minutes before the window ends
        TestClock.SHARED.pin(Instant.parse("2030-01-01T10:15:00Z"));
    }

    @AfterEach
    void resetClock() {
        TestClock.SHARED.reset();
    }

    @Test
    void allowsTheLimitPerHourThenAnswers429AndStoresNothing() {
        var tenant = Tenant.create(client);
        var integration = tenant.webhook("Hook");

        for (int i = 1; i <= LIMIT; i++) {
            var response = tenant.post("/public/v1/posts", post(integration));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertLimitHeaders(response, LIMIT - i, 2700);
        }
        var refused = tenant.post("/public/v1/posts", post(integration));

        assertThat(refused.status()).isEqualTo(429);
        assertJson(refused.body(), TOO_MANY);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2700");
        assertLimitHeaders(refused, 0, 2700);
        assertThat(postsOf(tenant)).isEqualTo(LIMIT);
    }

    @Test
    void countsRefusedRequestsToo() {
        var tenant = Tenant.create(client);
        var integration = tenant.webhook("Hook");

        var invalid = tenant.post("/public/v1/posts", "{\"type\":\"schedule\"}");
        var unknownIntegration =
                tenant.post("/public/v1/posts", post(UUID.randomUUID().toString()));

        assertThat(invalid.status()).isEqualTo(400);
        assertLimitHeaders(invalid, LIMIT - 1, 2700);
        assertThat(unknownIntegration.status()).isEqualTo(400);
        assertLimitHeaders(unknownIntegration, LIMIT - 2, 2700);
        assertLimitHeaders(tenant.post("/public/v1/posts", post(integration)), LIMIT - 3, 2700);
    }

    @Test
    void oneOrganizationsCountNeverTouchesAnothers() {
        var busy = Tenant.create(client);
        var busyIntegration = busy.webhook("Busy");
        var quiet = Tenant.create(client);
        var quietIntegration = quiet.webhook("Quiet");
        for (int i = 0; i <= LIMIT; i++) {
            busy.post("/public/v1/posts", post(busyIntegration));
        }

        var response = quiet.post("/public/v1/posts", post(quietIntegration));

        assertThat(response.status()).isEqualTo(201);
        assertLimitHeaders(response, LIMIT - 1, 2700);
    }

    @Test
    void aNewHourStartsANewCountAndClearsOldWindows() {
        var tenant = Tenant.create(client);
        var integration = tenant.webhook("Hook");
        for (int i = 0; i <= LIMIT; i++) {
            tenant.post("/public/v1/posts", post(integration));
        }

        TestClock.SHARED.pin(Instant.parse("2030-01-01T11:00:00Z"));
        var nextHour = tenant.post("/public/v1/posts", post(integration));
        TestClock.SHARED.pin(Instant.parse("2030-01-01T12:59:59.200Z"));
        var twoHoursLater = tenant.post("/public/v1/posts", post(integration));

        assertThat(nextHour.status()).isEqualTo(201);
        assertLimitHeaders(nextHour, LIMIT - 1, 3600);
        assertThat(twoHoursLater.status()).isEqualTo(201);
        assertLimitHeaders(twoHoursLater, LIMIT - 1, 1);
        // the 10:00 window ended before the previous (11:00) one: gone
        assertThat(windowsOf(tenant)).containsExactly("2030-01-01T11:00:00Z", "2030-01-01T12:00:00Z");
    }

    @Test
    void leavesOtherRoutesAndUnauthenticatedRequestsAlone() {
        var tenant = Tenant.create(client);
        var integration = tenant.webhook("Hook");

        var unauthenticated = client.post("/public/v1/posts", null, post(integration));
        var listing = tenant.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02");
        var created = tenant.post("/public/v1/posts", post(integration));

        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        assertLimitHeaders(created, LIMIT - 1, 2700);
    }

    @Test
    void serversOnOneDatabaseShareTheCount() {
        var tenant = Tenant.create(client);
        var integration = tenant.webhook("Hook");
        // Arguments, not default properties: the test configuration turns the limit off.
        try (var second = new SpringApplicationBuilder(HeraldApplication.class, TestClockConfiguration.class)
                .run(
                        "--server.port=0",
                        "--herald.rate-limit.posts-per-hour=" + LIMIT,
                        "--herald.media.directory=" + PublicSurfaceTest.MEDIA_DIRECTORY,
                        // a scheduler name of its own, see PublicSurfaceTest
                        "--spring.quartz.properties.org.quartz.scheduler.instanceName=" + PublicSurfaceTest.SCHEDULER
                                + "-second")) {
            var other =
                    new HeraldClient(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));

            for (int i = 1; i <= LIMIT; i++) {
                var server = i % 2 == 0 ? other : client;
                var response = server.post("/public/v1/posts", tenant.apiKey(), post(integration));
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                assertLimitHeaders(response, LIMIT - i, 2700);
            }

            var refusedHere = client.post("/public/v1/posts", tenant.apiKey(), post(integration));
            var refusedThere = other.post("/public/v1/posts", tenant.apiKey(), post(integration));

            assertThat(refusedHere.status()).isEqualTo(429);
            assertThat(refusedThere.status()).isEqualTo(429);
            assertJson(refusedThere.body(), TOO_MANY);
        }
        assertThat(postsOf(tenant)).isEqualTo(LIMIT);
    }

    private static String post(String integration) {
        return """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"Hello"}]}]}
                """.formatted(integration);
    }

    private static void assertLimitHeaders(HeraldClient.Response response, int remaining, long reset) {
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(LIMIT));
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(remaining));
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString(reset));
    }

    private long postsOf(Tenant tenant) {
        return jdbc.sql("select count(*) from posts where organization_id = ?")
                .param(UUID.fromString(tenant.id()))
                .query(Long.class)
                .single();
    }

    private java.util.List<String> windowsOf(Tenant tenant) {
        return jdbc.sql("select window_start from rate_limit_windows where organization_id = ? order by window_start")
                .param(UUID.fromString(tenant.id()))
                .query((row, n) -> row.getObject(1, java.time.OffsetDateTime.class)
                        .toInstant()
                        .toString())
                .list();
    }
}
