package io.herald;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Herald on its own embedded PostgreSQL, stopped and started again on the same data directory,
 * keeps every organization, post and pending publication. It runs under a context path, as a
 * self-hosted Postiz is often reached ({@code /api/public/v1/...}).
 */
class HeraldRestartIntegrationTests {

    @TempDir
    Path dataDirectory;

    @Test
    void keepsPostsAndTheirTriggersAcrossARestart() {
        Tenant tenant;
        String postId;
        String group;
        String createdBody;
        try (var first = start()) {
            var client = client(first);
            tenant = Tenant.create(client);
            var created = tenant.createPosts("""
                    {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[{"value":"l","label":"Launch"}],
                     "posts":[{"integration":{"id":"%s"},"value":[{"content":"survives"},{"content":"a restart"}]}]}
                    """.formatted(tenant.webhook("Hook")));
            postId = created.get(0).get("postId").asString();
            group = created.get(0).get("group").asString();
            createdBody = tenant.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02")
                    .body();
            assertThat(createdBody).contains(postId);
            assertThat(rows(first).triggerFireTimes(group)).hasSize(1);
        }

        try (var second = start()) {
            var client = client(second);
            var again = new Tenant(client, tenant.id(), tenant.apiKey());

            var listed = again.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02");

            assertAnswer(listed, 200, createdBody);
            assertThat(rows(second).triggerFireTimes(group))
                    .containsExactly(Instant.parse("2030-05-01T09:00:00Z").toEpochMilli());
            assertThat(rows(second).alarms(group)).isEqualTo(1);
            assertThat(rows(second).members(group)).hasSize(2);
            // and it is still the same group to the API
            var deleted = again.delete("/public/v1/posts/" + postId);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
            assertThat(rows(second).triggerFireTimes(group)).isEmpty();
        }
    }

    private ConfigurableApplicationContext start() {
        // command-line arguments, as an operator would pass them: they win over application.properties
        return new SpringApplicationBuilder(HeraldApplication.class)
                .run(
                        "--herald.test.shared-database=false",
                        "--herald.database.data-dir=" + dataDirectory.resolve("postgres"),
                        "--server.port=0",
                        "--server.servlet.context-path=/api",
                        // the same Quartz cluster before and after the restart (tests get unique names otherwise)
                        "--spring.quartz.properties.org.quartz.scheduler.instanceName=herald-restart");
    }

    private static HeraldClient client(ConfigurableApplicationContext context) {
        var port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new HeraldClient("http://127.0.0.1:" + port + "/api");
    }

    private static Rows rows(ConfigurableApplicationContext context) {
        return new Rows(context.getBean(JdbcClient.class));
    }
}
