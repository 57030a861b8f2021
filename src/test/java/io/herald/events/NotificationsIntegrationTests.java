package io.herald.events;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.integrations.IntegrationNeedsReconnecting;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code GET /public/v1/notifications?page=} in Postiz's shape (spec §11). */
@HeraldIntegrationTest
class NotificationsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transaction;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(new HeraldClient(port));
    }

    @Test
    void aChannelThatMustBeConnectedAgainIsANotification() {
        var integration = UUID.fromString(tenant.webhook("A"));
        transaction.executeWithoutResult(status -> publisher.publishEvent(new IntegrationNeedsReconnecting(
                UUID.fromString(tenant.id()), integration, "mastodon", "The token was revoked")));

        var row = jdbc.sql(
                        "select id::text, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
                                + " from notifications where organization_id = cast(:org as uuid)")
                .param("org", tenant.id())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        assertAnswer(tenant.get("/public/v1/notifications"), 200, """
                {"notifications":[{"id":"%s","content":"Your mastodon channel must be connected again: The token was revoked",
                 "link":"/public/v1/social/mastodon","createdAt":"%s"}],"total":1,"page":0,"limit":100,"hasMore":false}""".formatted(row[0], row[1]));
        assertAnswer(tenant.get("/public/v1/notifications?page=1"), 200, """
                {"notifications":[],"total":1,"page":1,"limit":100,"hasMore":false}""");
    }

    @Test
    void refusesAPageThatIsNoPage() {
        assertAnswer(tenant.get("/public/v1/notifications?page=-1"), 400, """
                {"statusCode":400,"message":["page must not be less than 0"],"error":"Bad Request"}""");
        assertAnswer(tenant.get("/public/v1/notifications?page=x"), 400, """
                {"statusCode":400,"message":["page must be an integer number"],"error":"Bad Request"}""");
        assertThat(tenant.get("/public/v1/notifications").json().get("total").asInt())
                .isZero();
    }
}
