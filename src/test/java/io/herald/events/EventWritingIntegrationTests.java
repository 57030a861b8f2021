package io.herald.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.EventRows;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every change through the API writes exactly its events, in its own transaction, naming the API
 * key (or the admin) that made it and the request's id; a refused change writes none (spec §11).
 */
@HeraldIntegrationTest
class EventWritingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    HeraldClient client;

    EventRows events;

    Rows rows;

    String keyId;

    String key;

    String a;

    String b;

    @BeforeEach
    void setUp() {
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
        events = new EventRows(jdbc);
        rows = new Rows(jdbc);
        var created = client.post("/admin/v1/organizations/" + tenant.id() + "/api-keys", Tenant.ADMIN, """
                {"name":"ci"}""");
        keyId = created.json().get("id").asString();
        key = created.json().get("apiKey").asString();
        a = tenant.webhook("A");
        b = tenant.webhook("B");
    }

    @Test
    void aCreateWritesOnePostCreatedEventOfTheWholeGroupByItsKeyAndRequest() {
        var response = create("schedule");
        var group = response.json().get(0).get("group").asString();

        assertThat(events.of(tenant.id()))
                .extracting(EventRows.Row::summary)
                .containsExactly(summary("post.created", group, rows.members(group), keyId, requestId(response)));
        var event = events.of(tenant.id()).get(0);
        assertThat(event.actorName()).isEqualTo("ci");
        assertThat(event.data())
                .isEqualTo(
                        "{\"type\": \"schedule\", \"publishDate\": \"2030-05-01T09:00:00.000Z\", \"integrations\": [\""
                                + a + "\", \"" + b + "\"]}");
    }

    @Test
    void deletingByAnyPostWritesOnePostDeletedEventOfTheDeletedPostsAndWhatWasKept() {
        var group = create("schedule").json().get(0).get("group").asString();
        var members = rows.members(group);
        published(members.get(3));

        var response = client.delete("/public/v1/posts/" + members.get(1), key);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(events.of(tenant.id()))
                .extracting(EventRows.Row::summary)
                .last()
                .isEqualTo(summary(
                        "post.deleted",
                        group,
                        List.of(members.get(0), members.get(1), members.get(2)),
                        keyId,
                        requestId(response)));
        assertThat(events.of(tenant.id())).hasSize(2);
        assertThat(events.of(tenant.id()).get(1).data()).isEqualTo("{\"kept\": [\"" + members.get(3) + "\"]}");
    }

    @Test
    void deletingAGroupWritesOnePostDeletedEvent() {
        var group = create("draft").json().get(0).get("group").asString();

        var response = client.delete("/public/v1/posts/group/" + group, key);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(events.of(tenant.id()))
                .extracting(EventRows.Row::type)
                .containsExactly("post.created", "post.deleted");
        assertThat(events.of(tenant.id()).get(1).summary())
                .isEqualTo(summary("post.deleted", group, rows.members(group), keyId, requestId(response)));
    }

    @Test
    void aStatusChangeWritesOneEventWithEveryPostsFormerStatus() {
        var group = create("draft").json().get(0).get("group").asString();
        var members = rows.members(group);

        var response = client.put("/public/v1/posts/" + members.get(0) + "/status", key, "{\"status\":\"schedule\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var changed = events.of(tenant.id()).get(1);
        assertThat(changed.summary())
                .isEqualTo(summary("post.status_changed", group, members, keyId, requestId(response)));
        assertThat(changed.data())
                .isEqualTo("{\"to\": \"scheduled\", \"from\": {\"" + members.get(0) + "\": \"draft\", \""
                        + members.get(1) + "\": \"draft\", \"" + members.get(2) + "\": \"draft\", \""
                        + members.get(3) + "\": \"draft\"}}");
    }

    @Test
    void deletingAnIntegrationWritesAPostDeletedEventOfItsPostsByTheAdmin() {
        var group = create("schedule").json().get(0).get("group").asString();
        var members = rows.members(group);

        var response = tenant.deleteIntegration(a);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(events.of(tenant.id())).hasSize(2);
        var deleted = events.of(tenant.id()).get(1);
        assertThat(deleted.summary())
                .isEqualTo(
                        "post.deleted " + group + " " + members.subList(0, 2) + " admin null " + requestId(response));
        assertThat(deleted.data()).isEqualTo("{\"reason\": \"integration deleted\", \"integration\": \"" + a + "\"}");
    }

    @Test
    void anEditByGroupWritesOnePostUpdatedEventOfTheGroupAsItLeavesIt() {
        var group = create("schedule").json().get(0).get("group").asString();
        var members = rows.members(group);

        var response = client.post("/public/v1/posts", key, """
                {"type":"schedule","date":"2030-06-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"group":"%s","integration":{"id":"%s"},"value":[{"id":"%s","content":"A, edited"}]}]}
                """.formatted(group, a, members.get(0)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        var updated = events.of(tenant.id()).get(1);
        assertThat(updated.summary())
                .isEqualTo(summary("post.updated", group, List.of(members.get(0)), keyId, requestId(response)));
        assertThat(updated.data())
                .isEqualTo("{\"type\": \"schedule\", \"added\": [], \"deleted\": "
                        + members.subList(1, 4).stream()
                                .map(id -> "\"" + id + "\"")
                                .toList()
                        + ", \"publishDate\": \"2030-06-01T09:00:00.000Z\"}");
        assertThat(events.of(tenant.id())).hasSize(2);
    }

    @Test
    void aPatchWritesOnePostUpdatedEventWithTheOldAndNewDate() {
        var group = create("schedule").json().get(0).get("group").asString();
        var members = rows.members(group);

        var response = client.patch("/public/v1/posts/" + members.get(0), key, """
                {"date":"2030-07-01T09:00:00Z"}""");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var updated = events.of(tenant.id()).get(1);
        assertThat(updated.summary()).isEqualTo(summary("post.updated", group, members, keyId, requestId(response)));
        assertThat(updated.data())
                .isEqualTo("{\"to\": \"2030-07-01T09:00:00.000Z\", \"from\": \"2030-05-01T09:00:00.000Z\","
                        + " \"changed\": [\"date\"]}");
    }

    @Test
    void aRestoreWritesOnePostRestoredEventOfThePostsThatCameBack() {
        var group = create("draft").json().get(0).get("group").asString();
        var members = rows.members(group);
        assertThat(client.delete("/public/v1/posts/group/" + group, key).status())
                .isEqualTo(200);

        var response = client.post("/public/v1/posts/group/" + group + "/restore", key, "");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(events.of(tenant.id()))
                .extracting(EventRows.Row::type)
                .containsExactly("post.created", "post.deleted", "post.restored");
        var restored = events.of(tenant.id()).get(2);
        assertThat(restored.summary()).isEqualTo(summary("post.restored", group, members, keyId, requestId(response)));
        assertThat(restored.data()).isEqualTo("{\"drafted\": []}");
    }

    @Test
    void refusedChangesWriteNoEvent() {
        var group = create("schedule").json().get(0).get("group").asString();
        var members = rows.members(group);
        published(members.get(0));
        var before = rows.of(tenant);

        var unknownIntegration = client.post(
                "/public/v1/posts", key, body("schedule", UUID.randomUUID().toString()));
        var deletingPublished = client.delete("/public/v1/posts/" + members.get(0), key);
        var changingPublished =
                client.put("/public/v1/posts/" + members.get(2) + "/status", key, "{\"status\":\"draft\"}");

        assertThat(unknownIntegration.status()).isEqualTo(400);
        assertThat(deletingPublished.status()).isEqualTo(403);
        assertThat(changingPublished.status()).isEqualTo(403);
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(events.of(tenant.id())).extracting(EventRows.Row::type).containsExactly("post.created");
    }

    /** A group for A (root and one item) and B (root and one item). */
    private HeraldClient.Response create(String type) {
        var response = client.post("/public/v1/posts", key, body(type, a));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    private String body(String type, String first) {
        return """
                {"type":"%s","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"A"},{"content":"A1"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"B"},{"content":"B1"}]}]}
                """.formatted(type, first, b);
    }

    private void published(String post) {
        jdbc.sql("update posts set state = 'PUBLISHED', due_at = null where id = cast(:id as uuid)")
                .param("id", post)
                .update();
    }

    private static String requestId(HeraldClient.Response response) {
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private static String summary(String type, String group, List<String> posts, String keyId, String requestId) {
        return type + " " + group + " " + posts + " api-key " + keyId + " " + requestId;
    }
}
