package io.herald.database;

import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldInstance;
import io.herald.support.Tenant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The database goes away and comes back under a running Herald: readiness follows it, the public
 * API answers 503 in Postiz's shape meanwhile (never hangs past the pool's connection timeout), and
 * everything works again once it is back. The server gets a PostgreSQL of its own, stopped and
 * started again on the same data directory and port.
 */
class DatabaseOutageIntegrationTests {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    private static final String UNAVAILABLE =
            "{\"statusCode\":503,\"message\":\"Service unavailable\",\"error\":\"Service Unavailable\"}";

    private Path dataDirectory;

    private EmbeddedPostgres postgres;

    @AfterEach
    void tearDown() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        FileSystemUtils.deleteRecursively(dataDirectory);
    }

    @Test
    void readinessFollowsTheDatabaseAndThePublicApiAnswers503WhileItIsGone() throws Exception {
        dataDirectory = Files.createTempDirectory("herald-outage-");
        var port = freePort();
        postgres = startPostgres(port);
        try (var herald = HeraldInstance.start(
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "spring.datasource.username=postgres",
                "spring.datasource.hikari.connection-timeout=" + CONNECTION_TIMEOUT.toMillis())) {
            var client = herald.client();
            var tenant = Tenant.create(client);
            var integration = tenant.webhook("Outage");
            var post = tenant.createPosts(createBody(integration))
                    .get(0)
                    .get("postId")
                    .asString();
            var window = "/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02";
            assertThat(client.get("/actuator/health/readiness", null).status()).isEqualTo(200);

            postgres.close();
            postgres = null;

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var readiness = client.get("/actuator/health/readiness", null);
                assertThat(readiness.status()).isEqualTo(503);
                assertBody(readiness.body(), """
                        {"status":"DOWN","components":{"db":{"status":"DOWN"},"publisher":{"status":"UP"},
                         "publishingScheduler":{"status":"UP"},"readinessState":{"status":"UP"}}}
                        """);
            });
            assertThat(client.get("/actuator/health/liveness", null).status())
                    .as("a database outage is no reason to restart Herald")
                    .isEqualTo(200);
            assertUnavailable(() -> tenant.get(window));
            assertUnavailable(() -> tenant.get("/public/v1/integrations"));
            assertUnavailable(() -> tenant.get("/public/v1/is-connected"));
            assertUnavailable(() -> tenant.post("/public/v1/posts", createBody(integration)));
            assertUnavailable(() -> tenant.delete("/public/v1/posts/" + post));
            var admin = timed(() -> client.post("/admin/v1/organizations", Tenant.ADMIN, "{\"name\":\"Down\"}"));
            assertThat(admin.status()).isEqualTo(503);
            assertThat(admin.contentType()).isEqualTo("application/problem+json");
            assertBody(admin.body(), """
                    {"title":"Service Unavailable","status":503,"detail":"The database is unavailable",
                     "instance":"/admin/v1/organizations"}
                    """);

            postgres = startPostgres(port);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.get("/actuator/health/readiness", null).status() == 200);
            var listed = tenant.get(window);
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.json().get("posts").get(0).get("id").asString()).isEqualTo(post);
            assertThat(tenant.post("/public/v1/posts", createBody(integration)).status())
                    .isEqualTo(201);
        }
    }

    private static void assertUnavailable(Supplier<HeraldClient.Response> request) {
        var response = timed(request);
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertBody(response.body(), UNAVAILABLE);
    }

    /** The request, which must be answered within the connection timeout and a margin for the rest. */
    private static HeraldClient.Response timed(Supplier<HeraldClient.Response> request) {
        var start = System.nanoTime();
        var response = request.get();
        var took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("answered after").isLessThan(CONNECTION_TIMEOUT.plusSeconds(3));
        return response;
    }

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static String createBody(String integration) {
        return """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"still here"}]}]}
                """.formatted(integration);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
