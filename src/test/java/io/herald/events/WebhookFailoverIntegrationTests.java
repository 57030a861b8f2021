package io.herald.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.EventRows;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldInstance;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.HeraldProcess;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node killed (SIGKILL) while it sends webhook deliveries loses none: once their leases pass
 * (3 s in the tests), a surviving node sends them again, under the same delivery ids.
 */
@HeraldIntegrationTest
class WebhookFailoverIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventSweeps sweeps;

    @Test
    void theSurvivorDeliversWhatAKilledNodeWasSending() throws Exception {
        var hold = new CountDownLatch(1);
        try (var receiver = new PlatformStub()) {
            receiver.answer(request -> PlatformStub.Answer.json(200, "{}").after(() -> {
                try {
                    hold.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            var tenant = Tenant.create(new HeraldClient(port));
            var integration = tenant.webhook("A");
            var subscribed = tenant.post("/public/v1/webhooks", """
                    {"url":"%s","secret":"s","events":["post.created"]}""".formatted(receiver.url("/events")));
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
            // Only the node to be killed relays until it is dead.
            sweeps.stop();
            try (var doomed = HeraldProcess.start(HeraldInstance.cluster("herald-doomed"))) {
                for (int i = 0; i < 3; i++) {
                    tenant.createPosts("""
                            {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                             "posts":[{"integration":{"id":"%s"},"value":[{"content":"A"}]}]}""".formatted(integration));
                }
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> receiver.received("/events").size() == 3);
                doomed.kill();
            } finally {
                sweeps.start();
            }
            var killedAt = System.currentTimeMillis();
            hold.countDown();

            var events = new EventRows(jdbc)
                    .of(tenant.id()).stream().map(EventRows.Row::id).toList();
            assertThat(events).hasSize(3);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("select count(*) from webhook_deliveries d join organization_webhooks w"
                                            + " on w.id = d.webhook_id where w.organization_id = cast(:org as uuid)"
                                            + " and d.state = 'DELIVERED'")
                                    .param("org", tenant.id())
                                    .query(Long.class)
                                    .single()
                            == 3);
            assertThat(receiver.received("/events").stream()
                            .filter(request -> request.at() >= killedAt)
                            .map(request -> request.header("X-Herald-Delivery"))
                            .distinct())
                    .containsExactlyInAnyOrderElementsOf(events);
        }
    }
}
