package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Editing a group through {@code POST /public/v1/posts} with {@code posts[].group} (spec §9.1): ids
 * kept, content replaced in place, left-out posts deleted, alarms re-armed, refusals change nothing.
 */
@HeraldIntegrationTest
class EditGroupIntegrationTests {

    private static final String DATE = "2030-05-01T09:00:00Z";

    private static final String NEW_DATE = "2030-06-01T10:00:00Z";

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
    void editsAGroupInPlaceKeepingNamedIdsAddingNewPostsDeletingLeftOutOnesAndReArmingItsAlarm() {
        var group = createGroup("schedule");
        var threadA = rows.thread(group, a);
        var threadB = rows.thread(group, b);

        var answer = tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"%s","shortLink":false,"tags":[{"value":"n","label":"New"}],
                 "posts":[{"integration":{"id":"%s"},"group":"%s","settings":{"who":"all"},
                           "value":[{"id":"%s","content":"A0 new"},{"id":"%s","content":"A2 new","delay":2},
                                    {"content":"A3 added","image":[{"id":"m","path":"https://cdn.test/a3.png"}]}]},
                          {"integration":{"id":"%s"},"group":"%s","value":[{"id":"%s","content":"B0 new"}]}]}
                """.formatted(
                        NEW_DATE, a, group, threadA.get(0), threadA.get(2), b, group, threadB.get(0)));

        assertAnswer(answer, 201, """
                [{"postId":"%s","integration":"%s","group":"%s"},{"postId":"%s","integration":"%s","group":"%s"}]""".formatted(threadA.get(0), a, group, threadB.get(0), b, group));
        var live = live(group);
        var added = live.keySet().stream()
                .filter(id -> !threadA.contains(id) && !threadB.contains(id))
                .toList();
        assertThat(added).hasSize(1);
        assertThat(live)
                .isEqualTo(Map.of(
                        threadA.get(0),
                        "0 - QUEUE A0 new 0.0",
                        threadA.get(2),
                        "1 " + threadA.get(0) + " QUEUE A2 new 2.0",
                        added.get(0),
                        "2 " + threadA.get(2) + " QUEUE A3 added 0.0",
                        threadB.get(0),
                        "0 - QUEUE B0 new 0.0"));
        assertThat(deleted(group)).containsExactlyInAnyOrder(threadA.get(1), threadB.get(1));
        assertThat(rows.triggerFireTimes(group))
                .containsExactly(Instant.parse(NEW_DATE).toEpochMilli());
        assertThat(rows.alarms(group)).isEqualTo(1);

        var read = tenant.get("/public/v1/posts/" + threadA.get(0)).json();
        assertThat(read.get("publishDate").asString()).isEqualTo("2030-06-01T10:00:00.000Z");
        assertThat(read.get("settings").toString()).isEqualTo("{\"who\":\"all\",\"__type\":\"webhook\"}");
        assertThat(read.get("tags").get(0).get("tag").get("name").asString()).isEqualTo("New");
        assertThat(read.get("thread").get(1).get("image").toString())
                .isEqualTo("[{\"id\":\"m\",\"path\":\"https://cdn.test/a3.png\"}]");
    }

    @Test
    void aDraftEditMovesTheGroupToDraftsAndRemovesItsAlarmAndUpdateKeepsStates() {
        var group = createGroup("schedule");
        var rootA = rows.thread(group, a).get(0);

        assertThat(edit("draft", group, rootA, "drafted").status()).isEqualTo(201);
        assertThat(live(group)).isEqualTo(Map.of(rootA, "0 - DRAFT drafted 0.0"));
        assertThat(rows.alarms(group)).isZero();

        assertThat(edit("update", group, rootA, "still a draft").status()).isEqualTo(201);
        assertThat(live(group)).isEqualTo(Map.of(rootA, "0 - DRAFT still a draft 0.0"));
        assertThat(rows.alarms(group)).isZero();

        assertThat(edit("schedule", group, rootA, "queued").status()).isEqualTo(201);
        assertThat(edit("update", group, rootA, "still queued").status()).isEqualTo(201);
        assertThat(live(group)).isEqualTo(Map.of(rootA, "0 - QUEUE still queued 0.0"));
        assertThat(rows.triggerFireTimes(group))
                .containsExactly(Instant.parse(NEW_DATE).toEpochMilli());
    }

    @Test
    void anEditWithInterMakesTheGroupRepeatAndOneWithoutStopsIt() {
        var group = createGroup("schedule");
        var rootA = rows.thread(group, a).get(0);
        refused(
                tenant,
                editBody("schedule", group, rootA, "x").replace("\"tags\":[]", "\"tags\":[],\"inter\":0"),
                400,
                """
                {"statusCode":400,"message":["inter must not be less than 1"],"error":"Bad Request"}""");

        var repeating = tenant.post(
                "/public/v1/posts",
                editBody("schedule", group, rootA, "daily").replace("\"tags\":[]", "\"tags\":[],\"inter\":7"));

        assertThat(repeating.status()).as(repeating.body()).isEqualTo(201);
        assertThat(tenant.get("/public/v1/posts/" + rootA)
                        .json()
                        .get("intervalInDays")
                        .asInt())
                .isEqualTo(7);
        assertThat(tenant.get("/public/v1/posts?startDate=2030-06-01&endDate=2030-06-02")
                        .json()
                        .get("posts")
                        .get(0)
                        .get("intervalInDays")
                        .asInt())
                .isEqualTo(7);
        assertThat(edit("schedule", group, rootA, "once").status()).isEqualTo(201);
        assertThat(tenant.get("/public/v1/posts/" + rootA)
                        .json()
                        .get("intervalInDays")
                        .isNull())
                .isTrue();
    }

    @Test
    void republishKeepsThePublishedPostAndQueuesItsContentAsANewPost() {
        var group = createGroup("schedule");
        var rootA = rows.thread(group, a).get(0);
        rows.setState(rootA, "PUBLISHED");

        var answer = tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"%s","shortLink":false,"tags":[],"republish":true,
                 "posts":[{"integration":{"id":"%s"},"group":"%s","value":[{"id":"%s","content":"again"}]}]}
                """.formatted(NEW_DATE, a, group, rootA));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        var newRoot = answer.json().get(0).get("postId").asString();
        assertThat(newRoot).isNotEqualTo(rootA);
        assertThat(live(group))
                .isEqualTo(Map.of(
                        rootA, "0 - PUBLISHED A0 0.0",
                        newRoot, "0 - QUEUE again 0.0"));
    }

    @Test
    void refusesEveryForbiddenEditWithItsExactBodyAndChangesNothing() {
        var group = createGroup("schedule");
        var threadA = rows.thread(group, a);
        var other = Tenant.create(tenant.client());
        var otherIntegration = other.webhook("Other");

        refused(tenant, """
                {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"group":"%s","value":[{"content":"x"}]},
                          {"integration":{"id":"%s"},"group":"01a20000-0000-7000-8000-000000000000","value":[{"content":"x"}]}]}
                """.formatted(NEW_DATE, a, group, b), 400, """
                {"statusCode":400,"message":"All posts of an edit must name the same group","error":"Bad Request"}""");
        refused(tenant, editBody("schedule", "not-a-group", threadA.get(0), "x"), 404, """
                {"statusCode":404,"message":"Group not found","error":"Not Found"}""");
        refused(other, editBody("schedule", group, threadA.get(0), "x", otherIntegration), 403, """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");
        refused(tenant, editBody("schedule", group, threadA.get(0), "x", otherIntegration), 400, """
                {"statusCode":400,"message":"Integration with id %s not found","error":"Bad Request"}""".formatted(
                        otherIntegration));

        var mastodon = tenant.integration(
                "Toots", "mastodon", "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"t\"}");
        refused(tenant, editBody("schedule", group, threadA.get(0), "x".repeat(501), mastodon), 400, """
                {"statusCode":400,"provider":"mastodon","name":"Toots",
                 "message":"The post is 501 characters long; at most 500 are allowed"}""");

        rows.setState(threadA.get(2), "PUBLISHING");
        refused(tenant, editBody("schedule", group, threadA.get(0), "x"), 409, """
                {"statusCode":409,"message":"Post is being published, try again shortly","error":"Conflict"}""");

        rows.setState(threadA.get(2), "PUBLISHED");
        refused(tenant, editBody("schedule", group, threadA.get(2), "x"), 400, """
                {"statusCode":400,"message":"This post was already published on 2030-05-01 09:00 UTC. To publish it again as a new post, send \\"republish\\": true","error":"Bad Request"}""");
        refused(tenant, editBody("update", group, threadA.get(2), "x"), 403, """
                {"statusCode":403,"message":"Published posts cannot be changed","error":"Forbidden"}""");
        refused(tenant, editBody("draft", group, threadA.get(2), "x"), 403, """
                {"statusCode":403,"message":"Published posts cannot be changed","error":"Forbidden"}""");
    }

    @Test
    void anotherOrganizationsPostNamedByIdIsNeverTouchedAndANewPostIsMade() {
        var group = createGroup("schedule");
        var other = Tenant.create(tenant.client());
        var foreign = other.createPosts("""
                {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"theirs"}]}]}
                """.formatted(DATE, other.webhook("Theirs")));
        var foreignPost = foreign.get(0).get("postId").asString();
        var theirs = rows.of(other);

        var answer = tenant.post("/public/v1/posts", editBody("schedule", group, foreignPost, "mine"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        var created = answer.json().get(0).get("postId").asString();
        assertThat(created).isNotEqualTo(foreignPost);
        assertThat(live(group)).isEqualTo(Map.of(created, "0 - QUEUE mine 0.0"));
        assertThat(rows.of(other)).isEqualTo(theirs);
    }

    /** A group of A (a thread of three) and B (a thread of two), created with {@code type}. */
    private String createGroup(String type) {
        return tenant.createPosts("""
                        {"type":"%s","date":"%s","shortLink":false,"tags":[{"value":"o","label":"Old"}],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"A0"},{"content":"A1"},{"content":"A2"}]},
                                  {"integration":{"id":"%s"},"value":[{"content":"B0"},{"content":"B1"}]}]}
                        """.formatted(type, DATE, a, b))
                .get(0)
                .get("group")
                .asString();
    }

    private HeraldClient.Response edit(String type, String group, String id, String content) {
        return tenant.post("/public/v1/posts", editBody(type, group, id, content));
    }

    private String editBody(String type, String group, String id, String content) {
        return editBody(type, group, id, content, a);
    }

    private static String editBody(String type, String group, String id, String content, String integration) {
        return """
                {"type":"%s","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"group":"%s","value":[{"id":"%s","content":"%s"}]}]}
                """.formatted(type, NEW_DATE, integration, group, id, content);
    }

    private void refused(Tenant caller, String body, int status, String expected) {
        var before = rows.of(tenant);
        var beforeCaller = rows.of(caller);

        assertAnswer(caller.post("/public/v1/posts", body), status, expected);

        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(rows.of(caller)).isEqualTo(beforeCaller);
    }

    /** The group's live posts: id to "index parent state content delay". */
    private Map<String, String> live(String group) {
        return Map.ofEntries(jdbc.sql("""
                        select id::text, thread_index, coalesce(parent_post_id::text, '-'), state, content, delay_minutes
                        from posts where group_id = cast(:group as uuid) and deleted_at is null""")
                .param("group", group)
                .query((rs, n) -> Map.entry(
                        rs.getString(1),
                        rs.getInt(2) + " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5) + " "
                                + rs.getDouble(6)))
                .list()
                .toArray(Map.Entry[]::new));
    }

    private List<String> deleted(String group) {
        return jdbc.sql("select id::text from posts where group_id = :group and deleted_at is not null")
                .param("group", UUID.fromString(group))
                .query(String.class)
                .list();
    }
}
