package io.herald.events;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.EventRows;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code GET /public/v1/posts/{id}/history}: what happened to the post's group, and who did it (spec §11). */
@HeraldIntegrationTest
class HistoryIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    String integration;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(new HeraldClient(port));
        integration = tenant.webhook("A");
    }

    @Test
    void theHistoryOfADeletedGroupShowsItsCreationStatusChangeAndDeletionWithWhoDidThem() {
        var created = tenant.createPosts("""
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"A"},{"content":"A1"}]}]}""".formatted(integration));
        var post = created.get(0).get("postId").asString();
        var group = created.get(0).get("group").asString();
        var other = tenant.createKey();
        assertThat(tenant.client()
                        .put("/public/v1/posts/" + post + "/status", other.apiKey(), "{\"status\":\"schedule\"}")
                        .status())
                .isEqualTo(200);
        assertThat(tenant.delete("/public/v1/posts/" + post).status()).isEqualTo(200);

        var history = tenant.get("/public/v1/posts/" + post + "/history");

        var rows = new EventRows(jdbc).of(tenant.id());
        var item = rows.get(0).posts().get(1);
        var defaultKey = rows.get(0).actorId();
        assertAnswer(history, 200, """
                {"events":[
                  {"id":"%s","type":"post.created","occurredAt":"%s","group":"%s","posts":["%s","%s"],
                   "actor":{"type":"api-key","id":"%s","name":"default"},"requestId":"%s",
                   "data":{"type":"draft","publishDate":"2030-05-01T09:00:00.000Z","integrations":["%s"]}},
                  {"id":"%s","type":"post.status_changed","occurredAt":"%s","group":"%s","posts":["%s","%s"],
                   "actor":{"type":"api-key","id":"%s"},"requestId":"%s",
                   "data":{"to":"scheduled","from":{"%s":"draft","%s":"draft"}}},
                  {"id":"%s","type":"post.deleted","occurredAt":"%s","group":"%s","posts":["%s","%s"],
                   "actor":{"type":"api-key","id":"%s","name":"default"},"requestId":"%s","data":{"kept":[]}}]}""".formatted(
                        rows.get(0).id(),
                        new EventRows(jdbc).occurredAt(rows.get(0).id()),
                        group,
                        post,
                        item,
                        defaultKey,
                        rows.get(0).requestId(),
                        integration,
                        rows.get(1).id(),
                        new EventRows(jdbc).occurredAt(rows.get(1).id()),
                        group,
                        post,
                        item,
                        other.id(),
                        rows.get(1).requestId(),
                        post,
                        item,
                        rows.get(2).id(),
                        new EventRows(jdbc).occurredAt(rows.get(2).id()),
                        group,
                        post,
                        item,
                        defaultKey,
                        rows.get(2).requestId()));
        assertThat(tenant.get("/public/v1/posts/" + item + "/history").body()).isEqualTo(history.body());
    }

    @Test
    void anUnknownOrMalformedPostHasNoHistory() {
        var notFound = """
                {"statusCode":404,"message":"Post not found","error":"Not Found"}""";
        assertAnswer(tenant.get("/public/v1/posts/" + UUID.randomUUID() + "/history"), 404, notFound);
        assertAnswer(tenant.get("/public/v1/posts/nope/history"), 404, notFound);
    }

    @Test
    void anotherOrganizationsPostsHistoryIsDenied() {
        var other = Tenant.create(tenant.client());
        var post = other.createPosts("""
                        {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"A"}]}]}""".formatted(other.webhook("B")))
                .get(0)
                .get("postId")
                .asString();

        assertAnswer(tenant.get("/public/v1/posts/" + post + "/history"), 403, """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");
    }
}
