package io.herald.integrations.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldClient;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookPublishingIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    PlatformStub receiver;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        receiver = new PlatformStub();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void deliversASignedPostAndRecordsTheReceiversRelease() throws Exception {
        receiver.answer(
                request -> PlatformStub.Answer.json(200, "{\"id\":\"ext-1\",\"url\":\"https://example.test/p/1\"}"));
        var integration = webhook("hook-secret");
        var created = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":{"who":"all"},
                           "value":[{"content":"<p>Hello <a href=\\"https://herald.test\\">site</a></p>",
                                     "image":[{"id":"i1","path":"https://img.test/a.png"}]}]}]}
                """.formatted(integration));
        var postId = created.get(0).get("postId").asString();
        var group = created.get(0).get("group").asString();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.received("/hook").size() == 1);
        var delivery = receiver.received("/hook").get(0);
        assertThat(delivery.method()).isEqualTo("POST");
        assertThat(delivery.header("Content-Type")).startsWith("application/json");
        assertThat(delivery.header("X-Herald-Delivery")).isEqualTo(postId);
        var timestamp = delivery.header("X-Herald-Timestamp");
        assertThat(Long.parseLong(timestamp))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(delivery.header("X-Herald-Signature"))
                .isEqualTo("sha256=" + hmac("hook-secret", timestamp + "." + delivery.bodyText()));
        var body = json.readTree(delivery.body());
        var publishDate = body.path("post").path("publishDate").asString();
        JSONAssert.assertEquals(
                """
                {"event":"post.publish","deliveryId":"%s",
                 "post":{"id":"%s","group":"%s","content":"<p>Hello <a href=\\"https://herald.test\\">site</a></p>",
                         "text":"Hello site (https://herald.test)",
                         "image":[{"id":"i1","path":"https://img.test/a.png"}],
                         "settings":{"who":"all","__type":"webhook"},"publishDate":"%s",
                         "parentPostId":null,"threadIndex":0},
                 "integration":{"id":"%s","name":"Hook","identifier":"webhook","profile":"hook"},
                 "organization":{"id":"%s"}}
                """.formatted(postId, postId, group, publishDate, integration, tenant.id()),
                delivery.bodyText(),
                JSONCompareMode.STRICT);

        var listed = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> listed(postId),
                        post -> post.path("status").asString().equals("published"));
        assertThat(listed.path("state").asString()).isEqualTo("PUBLISHED");
        assertThat(listed.path("releaseId").asString()).isEqualTo("ext-1");
        assertThat(listed.path("releaseURL").asString()).isEqualTo("https://example.test/p/1");
        assertThat(listed.path("error").isNull()).isTrue();
    }

    @Test
    void retriesAFailingReceiverWithTheSameDeliveryId() {
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        receiver.answer(request -> calls.incrementAndGet() < 3
                ? PlatformStub.Answer.json(503, "{\"error\":\"busy\"}")
                : PlatformStub.Answer.json(200, "not json at all"));
        var integration = webhook("s");
        var postId =
                tenant.createPosts(nowPost(integration)).get(0).get("postId").asString();

        var listed = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> listed(postId),
                        post -> post.path("status").asString().equals("published"));
        var deliveries = receiver.received("/hook");
        assertThat(deliveries).hasSize(3);
        assertThat(deliveries)
                .allSatisfy(d -> assertThat(d.header("X-Herald-Delivery")).isEqualTo(postId));
        assertThat(listed.path("releaseId").asString()).isEqualTo(postId);
        assertThat(listed.path("releaseURL").isNull()).isTrue();
    }

    @Test
    void failsThePostWithTheReceiversMessageOnA4xx() {
        receiver.answer(request -> PlatformStub.Answer.json(422, "{\"message\":\"unknown channel\"}"));
        var integration = webhook("s");
        var postId =
                tenant.createPosts(nowPost(integration)).get(0).get("postId").asString();

        var listed = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> listed(postId),
                        post -> post.path("status").asString().equals("failed"));
        assertThat(listed.path("state").asString()).isEqualTo("ERROR");
        assertThat(listed.path("error").asString()).isEqualTo("the webhook refused it (HTTP 422): unknown channel");
        assertThat(receiver.received("/hook")).hasSize(1);
    }

    private String webhook(String secret) {
        return tenant.integration(
                "Hook", "webhook", "{\"url\":\"%s\",\"secret\":\"%s\"}".formatted(receiver.url("/hook"), secret));
    }

    private static String nowPost(String integration) {
        return """
                {"type":"now","shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":[{"content":"hi"}]}]}
                """.formatted(integration);
    }

    private JsonNode listed(String postId) {
        var posts = tenant.get("/public/v1/posts?startDate=2000-01-01&endDate=2100-01-01")
                .json()
                .path("posts");
        for (var post : posts) {
            if (post.path("id").asString().equals(postId)) {
                return post;
            }
        }
        throw new AssertionError("post " + postId + " not listed");
    }

    private static String hmac(String secret, String payload) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
