package io.herald.events;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.WebhookSignature;
import io.herald.support.EventRows;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Organization webhooks (spec §11): every event of a subscribed type is delivered signed, retried
 * with growing backoff under the same delivery id, in order per group, and a webhook that keeps
 * failing is disabled. The tests' settings: backoff 100 ms doubling up to 1 s, give-up after 3 s.
 */
@HeraldIntegrationTest
class WebhookDeliveryIntegrationTests {

    private static final String SECRET = "receiver-secret";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    PlatformStub receiver;

    Tenant tenant;

    String integration;

    @BeforeEach
    void setUp() {
        receiver = new PlatformStub();
        tenant = Tenant.create(new HeraldClient(port));
        integration = tenant.webhook("A");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void aReceiverFailingItsFirstFiveAnswersGetsTheEventAgainUnderOneDeliveryIdSignedAfterGrowingWaits() {
        var answered = new AtomicInteger();
        receiver.answer(request -> answered.incrementAndGet() <= 5
                ? PlatformStub.Answer.json(500, "{}")
                : PlatformStub.Answer.json(200, "{}"));
        var webhook = subscribe("post.created");
        var metersBefore = new double[] {
            count("herald.webhooks.deliveries", "outcome", "delivered"),
            count("herald.webhooks.deliveries", "outcome", "retried"),
            count("herald.events.records", "type", "post.created"),
            lagCount()
        };
        var group = createDraft();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.received("/events").size() == 6);

        var event = new EventRows(jdbc).of(tenant.id()).get(0);
        var requests = receiver.received("/events");
        for (var request : requests) {
            assertThat(request.header("X-Herald-Delivery")).isEqualTo(event.id());
            assertThat(request.header("X-Herald-Event")).isEqualTo("post.created");
            assertThat(request.header("X-Herald-Signature"))
                    .isEqualTo(
                            WebhookSignature.header(SECRET, request.header("X-Herald-Timestamp"), request.bodyText()));
            assertThat(tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .readTree(request.bodyText())
                            .get("group")
                            .asString())
                    .isEqualTo(group);
        }
        for (int i = 2; i < 6; i++) {
            var wait = requests.get(i).at() - requests.get(i - 1).at();
            var before = requests.get(i - 1).at() - requests.get(i - 2).at();
            assertThat(wait).as("wait before attempt %d", i + 1).isGreaterThan(before);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> tenant.get("/public/v1/webhooks/" + webhook + "/deliveries")
                        .json()
                        .get("deliveries")
                        .get(0)
                        .get("state")
                        .asString()
                        .equals("delivered"));
        var attempts = tenant.get("/public/v1/webhooks/" + webhook + "/deliveries")
                .json()
                .get("deliveries")
                .get(0)
                .get("attempts");
        assertThat(attempts).extracting(a -> a.get("code").asInt()).containsExactly(500, 500, 500, 500, 500, 200);
        // other tests' deliveries may count too, never fewer
        assertThat(count("herald.webhooks.deliveries", "outcome", "delivered") - metersBefore[0])
                .isGreaterThanOrEqualTo(1);
        assertThat(count("herald.webhooks.deliveries", "outcome", "retried") - metersBefore[1])
                .isGreaterThanOrEqualTo(5);
        assertThat(count("herald.events.records", "type", "post.created") - metersBefore[2])
                .isGreaterThanOrEqualTo(1);
        assertThat(lagCount() - metersBefore[3]).isGreaterThanOrEqualTo(1);
    }

    private double count(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private double lagCount() {
        var timer = meters.find("herald.webhooks.relay.lag").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aReceiverThatAlwaysFailsGetsItsWebhookDisabledWithAnEvent() {
        receiver.answer(request -> PlatformStub.Answer.json(503, "{}"));
        var webhook = subscribe("post.created");
        createDraft();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> tenant.get("/public/v1/webhooks")
                        .json()
                        .get(0)
                        .get("disabled")
                        .asBoolean());

        var events = new EventRows(jdbc).of(tenant.id());
        assertThat(events).extracting(EventRows.Row::type).containsExactly("post.created", "webhook.disabled");
        assertThat(events.get(1).summary()).isEqualTo("webhook.disabled null [] system null null");
        assertThat(events.get(1).data()).contains("\"webhook\": \"" + webhook + "\"");
        var delivery = tenant.get("/public/v1/webhooks/" + webhook + "/deliveries")
                .json()
                .get("deliveries")
                .get(0);
        assertThat(delivery.get("state").asString()).isEqualTo("failed");
        assertThat(delivery.get("attempts").size())
                .isEqualTo(receiver.received("/events").size());
        assertThat(delivery.get("attempts"))
                .allSatisfy(a -> assertThat(a.get("code").asInt()).isEqualTo(503));
    }

    @Test
    void theEventsOfOneGroupArriveInOrderEvenWhenOneNeedsARetry() {
        var first = new AtomicInteger();
        receiver.answer(request -> first.incrementAndGet() == 1
                ? PlatformStub.Answer.json(500, "{}")
                : PlatformStub.Answer.json(200, "{}"));
        subscribe("post.created", "post.status_changed", "post.deleted");
        var created = tenant.createPosts(draftBody()).get(0);
        var post = created.get("postId").asString();
        assertThat(tenant.client()
                        .put("/public/v1/posts/" + post + "/status", tenant.apiKey(), "{\"status\":\"schedule\"}")
                        .status())
                .isEqualTo(200);
        assertThat(tenant.delete("/public/v1/posts/" + post).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.received("/events").size() == 4);

        assertThat(receiver.received("/events"))
                .extracting(request -> request.header("X-Herald-Event"))
                .containsExactly("post.created", "post.created", "post.status_changed", "post.deleted");
    }

    @Test
    void aCreateIsAsFastWithAReceiverThatHangsForThirtySeconds() throws Exception {
        var release = new CountDownLatch(1);
        receiver.answer(request -> PlatformStub.Answer.json(200, "{}").after(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        subscribe("post.created");
        try {
            createDraft();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !receiver.received("/events").isEmpty());
            for (int i = 0; i < 3; i++) {
                var start = System.nanoTime();
                createDraft();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void subscribingListsAndUnsubscribingAnswersTheWebhookWithoutItsSecret() {
        var created = tenant.post("/public/v1/webhooks", """
                {"url":"%s","secret":"%s","events":["post.failed","post.published"]}""".formatted(receiver.url("/events"), SECRET));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var id = created.json().get("id").asString();
        var createdAt = created.json().get("createdAt").asString();
        var shown = """
                {"id":"%s","url":"%s","events":["post.failed","post.published"],"disabled":false,
                 "disabledReason":null,"createdAt":"%s"}""".formatted(id, receiver.url("/events"), createdAt);
        assertAnswer(created, 201, shown);
        assertAnswer(tenant.get("/public/v1/webhooks"), 200, "[" + shown + "]");
        assertAnswer(
                tenant.client().get("/admin/v1/organizations/" + tenant.id() + "/webhooks", Tenant.ADMIN),
                200,
                "[" + shown + "]");

        assertAnswer(tenant.delete("/public/v1/webhooks/" + id), 200, """
                {"id":"%s","deleted":true}""".formatted(id));
        assertAnswer(tenant.get("/public/v1/webhooks"), 200, "[]");
        assertAnswer(tenant.delete("/public/v1/webhooks/" + id), 404, """
                {"statusCode":404,"message":"Webhook not found","error":"Not Found"}""");
    }

    @Test
    void refusesABadSubscriptionAndStoresNothing() {
        assertAnswer(tenant.post("/public/v1/webhooks", """
                {"url":"ftp://x","events":["post.nothing"]}"""), 400, """
                {"statusCode":400,"message":["url must be a URL address","secret should not be empty",
                 "each value in events must be one of the following values: post.created, post.updated,
                 post.deleted, post.restored, post.published, post.failed, post.status_changed,
                 webhook.disabled"],"error":"Bad Request"}""".replace("\n                 ", " ")
                .replace(",\n", ","));
        assertThat(webhooks()).isZero();
    }

    @Test
    void anotherOrganizationsWebhookIsDenied() {
        var other = Tenant.create(tenant.client());
        var id = other.post("/public/v1/webhooks", """
                        {"url":"%s","secret":"s","events":["post.created"]}""".formatted(receiver.url("/events")))
                .json()
                .get("id")
                .asString();

        var denied = """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""";
        assertAnswer(tenant.delete("/public/v1/webhooks/" + id), 403, denied);
        assertAnswer(tenant.get("/public/v1/webhooks/" + id + "/deliveries"), 403, denied);
        assertAnswer(tenant.get("/public/v1/webhooks/" + UUID.randomUUID() + "/deliveries"), 404, """
                {"statusCode":404,"message":"Webhook not found","error":"Not Found"}""");
    }

    private String subscribe(String... types) {
        var events = String.join("\",\"", List.of(types));
        var response = tenant.client()
                .post("/admin/v1/organizations/" + tenant.id() + "/webhooks", Tenant.ADMIN, """
                        {"url":"%s","secret":"%s","events":["%s"]}""".formatted(
                                receiver.url("/events"), SECRET, events));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private String createDraft() {
        return tenant.createPosts(draftBody()).get(0).get("group").asString();
    }

    private String draftBody() {
        return """
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"A"}]}]}""".formatted(integration);
    }

    private long webhooks() {
        return jdbc.sql("select count(*) from organization_webhooks where organization_id = cast(:org as uuid)")
                .param("org", tenant.id())
                .query(Long.class)
                .single();
    }
}
