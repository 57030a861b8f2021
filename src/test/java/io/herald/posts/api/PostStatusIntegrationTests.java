package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code PUT /public/v1/posts/{id}/status} (the newer CLI's {@code posts:status}): the whole group
 * moves between drafts and the queue, its alarm created or removed in the same transaction.
 */
@HeraldIntegrationTest
class PostStatusIntegrationTests {

    private static final String PUBLISH_DATE = "2030-05-01T09:00:00Z";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    Rows rows;

    String a;

    String b;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(new HeraldClient(port));
        rows = new Rows(jdbc);
        a = tenant.webhook("A");
        b = tenant.webhook("B");
    }

    @Test
    void schedulesAWholeDraftGroupAndCreatesItsAlarm() {
        var created = create("draft", "[{\"content\":\"root\"},{\"content\":\"reply\"}]");
        var group = created.group();
        assertThat(rows.triggerFireTimes(group)).isEmpty();

        var answer = status(created.thread(), "schedule");

        assertAnswer(answer, 200, "{\"id\":\"%s\",\"state\":\"QUEUE\"}".formatted(created.thread()));
        assertThat(states(group)).isEqualTo(Map.of("QUEUE", 4L));
        assertThat(rows.triggerFireTimes(group))
                .containsExactly(Instant.parse(PUBLISH_DATE).toEpochMilli());
    }

    @Test
    void movesAWholeScheduledGroupToDraftsAndRemovesItsAlarm() {
        var created = create("schedule", "[{\"content\":\"root\"}]");

        var answer = status(created.root(), "draft");

        assertAnswer(answer, 200, "{\"id\":\"%s\",\"state\":\"DRAFT\"}".formatted(created.root()));
        assertThat(states(created.group())).isEqualTo(Map.of("DRAFT", 2L));
        assertThat(rows.triggerFireTimes(created.group())).isEmpty();
        assertThat(rows.alarms(created.group())).isZero();
    }

    @Test
    void refusesAnUnknownStatusWithTheValidationBodyAndChangesNothing() {
        var created = create("draft", "[{\"content\":\"root\"}]");
        var before = rows.of(tenant);

        for (var body : new String[] {"{\"status\":\"now\"}", "{}", "{\"status\":1}"}) {
            var answer = tenant.client().put("/public/v1/posts/" + created.root() + "/status", tenant.apiKey(), body);
            assertAnswer(answer, 400, """
                    {"statusCode":400,"message":["status must be one of the following values: draft, schedule"],
                     "error":"Bad Request"}""");
        }
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void answersTheDeleteErrorsForUnknownForeignPublishedAndPublishingPosts() {
        var created = create("schedule", "[{\"content\":\"root\"}]");
        assertAnswer(status("01a20000-0000-7000-8000-000000000000", "draft"), 404, """
                {"statusCode":404,"message":"Post not found","error":"Not Found"}""");
        assertAnswer(status("not-an-id", "draft"), 404, """
                {"statusCode":404,"message":"Post not found","error":"Not Found"}""");

        var other = Tenant.create(tenant.client());
        var foreign = other.client()
                .put("/public/v1/posts/" + created.root() + "/status", other.apiKey(), "{\"status\":\"draft\"}");
        assertAnswer(foreign, 403, """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");

        rows.setState(created.root(), "PUBLISHING");
        var before = rows.of(tenant);
        assertAnswer(status(created.root(), "draft"), 409, """
                {"statusCode":409,"message":"Post is being published, try again shortly","error":"Conflict"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);

        rows.setState(created.root(), "PUBLISHED");
        assertAnswer(status(created.other(), "draft"), 403, """
                {"statusCode":403,"message":"Published posts cannot be changed","error":"Forbidden"}""");
        assertThat(rows.of(tenant))
                .isNotEqualTo(before)
                .satisfies(
                        after -> assertThat(states(created.group())).isEqualTo(Map.of("PUBLISHED", 1L, "QUEUE", 1L)));
    }

    @Test
    void checksThePlatformRulesBeforeQueuingADraft() {
        var mastodon = tenant.integration(
                "Toots", "mastodon", "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"t\"}");
        var created = tenant.createPosts("""
                {"type":"draft","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}
                """.formatted(PUBLISH_DATE, mastodon, "x".repeat(501)));
        var root = created.get(0).get("postId").asString();
        var before = rows.of(tenant);

        assertAnswer(status(root, "schedule"), 400, """
                {"statusCode":400,"provider":"mastodon","name":"Toots",
                 "message":"The post is 501 characters long; at most 500 are allowed"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    private HeraldClient.Response status(String post, String status) {
        return tenant.client()
                .put("/public/v1/posts/" + post + "/status", tenant.apiKey(), "{\"status\":\"" + status + "\"}");
    }

    /** A group of two integrations, each with the values given. */
    private Created create(String type, String values) {
        var created = tenant.createPosts("""
                {"type":"%s","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":%s},{"integration":{"id":"%s"},"value":%s}]}
                """.formatted(type, PUBLISH_DATE, a, values, b, values));
        var root = created.get(0).get("postId").asString();
        var group = created.get(0).get("group").asString();
        var thread = rows.thread(group, a);
        return new Created(group, root, created.get(1).get("postId").asString(), thread.get(thread.size() - 1));
    }

    private Map<String, Long> states(String group) {
        var states = new TreeMap<String, Long>();
        jdbc.sql("select state, count(*) from posts where group_id = cast(:group as uuid) and deleted_at is null"
                        + " group by state")
                .param("group", group)
                .query((row, n) -> states.put(row.getString(1), row.getLong(2)))
                .list();
        return states;
    }

    /** The group, the root of A, the root of B, and A's last thread item. */
    private record Created(String group, String root, String other, String thread) {}
}
