package io.herald.posts.publishing;

import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldInstance;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The publication loop survives whatever fails in an iteration, and only a failure of the JVM
 * itself ends it; then readiness says so instead of the node taking requests and publishing
 * nothing. The failures come from a test-only hook ({@code herald.test.dispatcher-fault}), thrown
 * on the loop's first wake-up.
 */
class PublisherReadinessIntegrationTests {

    private PlatformStub platform;

    @BeforeEach
    void setUp() {
        platform = new PlatformStub();
    }

    @AfterEach
    void tearDown() {
        platform.close();
    }

    @Test
    void readinessGoesDownWhenThePublicationLoopDies() {
        try (var herald = HeraldInstance.start("herald.test.dispatcher-fault=fatal")) {
            var client = herald.client();
            assertThat(client.get("/actuator/health/readiness", null).status()).isEqualTo(200);
            var post = nowPost(herald);

            // the loop's thread dies of the fault: that is the point, not a failure of this test
            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var readiness = client.get("/actuator/health/readiness", null);
                assertThat(readiness.status()).isEqualTo(503);
                assertBody(readiness.body(), """
                        {"status":"DOWN","components":{"db":{"status":"UP"},"publisher":{"status":"DOWN"},
                         "publishingScheduler":{"status":"UP"},"readinessState":{"status":"UP"}}}
                        """);
            });
            assertThat(client.get("/actuator/health/liveness", null).status()).isEqualTo(200);
            assertThat(state(herald, post)).as("nothing claimed it").isEqualTo("QUEUE");
            assertThat(platform.received()).isEmpty();
        }
    }

    @Test
    void theLoopSurvivesAnyOtherFailureAndPublishes() {
        try (var herald = HeraldInstance.start("herald.test.dispatcher-fault=recoverable")) {
            var post = nowPost(herald);

            await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(state(herald, post)));
            assertThat(platform.received("/hook")).hasSize(1);
            assertThat(herald.client().get("/actuator/health/readiness", null).status())
                    .isEqualTo(200);
        }
    }

    private String nowPost(HeraldInstance herald) {
        var tenant = Tenant.create(herald.client());
        var integration = tenant.integration(
                "Hook", "webhook", "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(platform.url("/hook")));
        return tenant.createPosts("""
                        {"type":"now","shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":[{"content":"due"}]}]}
                        """.formatted(integration))
                .get(0)
                .get("postId")
                .asString();
    }

    private static String state(HeraldInstance herald, String post) {
        return herald.context()
                .getBean(JdbcClient.class)
                .sql("select state from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
    }
}
