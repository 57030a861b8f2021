package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code PATCH /public/v1/posts/{id}} (spec §9.4): reschedule the group or correct one post, with If-Match. */
@HeraldIntegrationTest
class PatchPostIntegrationTests {

    private static final String NEW_DATE = "2030-06-01T10:00:00Z";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    Rows rows;

    String a;

    String b;

    String group;

    List<String> threadA;

    String rootB;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(new HeraldClient(port));
        rows = new Rows(jdbc);
        a = tenant.webhook("A");
        b = tenant.webhook("B");
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":{"keep":1},"value":[{"content":"A0"},{"content":"A1"}]},
                          {"integration":{"id":"%s"},"settings":{"keep":2},"value":[{"content":"B0"}]}]}
                """.formatted(a, b));
        group = created.get(0).get("group").asString();
        threadA = rows.thread(group, a);
        rootB = created.get(1).get("postId").asString();
    }

    @Test
    void movesTheWholeGroupWithTheCurrentVersionAndAnswersTheNewETag() {
        var read = tenant.get("/public/v1/posts/" + threadA.get(0));
        var etag = read.headers().firstValue("ETag").orElseThrow();

        var answer = patch(threadA.get(0), etag, "{\"date\":\"" + NEW_DATE + "\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("ETag"))
                .isNotEqualTo(read.headers().firstValue("ETag"));
        var again = tenant.get("/public/v1/posts/" + threadA.get(0));
        assertAnswer(answer, 200, again.body());
        assertThat(answer.headers().firstValue("ETag"))
                .isEqualTo(again.headers().firstValue("ETag"));
        assertThat(dates()).containsOnly("2030-06-01 10:00:00+00 QUEUE");
        assertThat(rows.triggerFireTimes(group))
                .containsExactly(Instant.parse(NEW_DATE).toEpochMilli());
    }

    @Test
    void correctsOnePostAndMergesSettingsIntoItsThreadOnly() {
        var answer = patch(threadA.get(1), null, """
                {"content":"<p>A1 fixed</p>","delay":3,"image":[{"id":"i","path":"https://cdn.test/i.png"}],
                 "settings":{"added":true,"__type":"mastodon"}}""");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var item = answer.json();
        assertThat(item.get("content").asString()).isEqualTo("<p>A1 fixed</p>");
        assertThat(item.get("image").toString()).isEqualTo("[{\"id\":\"i\",\"path\":\"https://cdn.test/i.png\"}]");
        assertThat(item.get("thread").get(0).get("delay").asInt()).isEqualTo(3);
        assertThat(settings(threadA.get(0))).isEqualTo("{\"keep\": 1, \"added\": true, \"__type\": \"webhook\"}");
        assertThat(settings(threadA.get(1))).isEqualTo("{\"keep\": 1, \"added\": true, \"__type\": \"webhook\"}");
        assertThat(settings(rootB)).isEqualTo("{\"keep\": 2, \"__type\": \"webhook\"}");
        assertThat(tenant.get("/public/v1/posts/" + threadA.get(0))
                        .json()
                        .get("content")
                        .asString())
                .isEqualTo("A0");
        assertThat(rows.triggerFireTimes(group))
                .containsExactly(Instant.parse("2030-05-01T09:00:00Z").toEpochMilli());
    }

    @Test
    void refusesAStaleVersionAndEveryForbiddenChangeWithItsExactBodyAndChangesNothing() {
        var etag = tenant.get("/public/v1/posts/" + threadA.get(0))
                .headers()
                .firstValue("ETag")
                .orElseThrow();
        assertThat(patch(threadA.get(1), null, "{\"content\":\"moved on\"}").status())
                .isEqualTo(200);

        refused(threadA.get(0), etag, "{\"date\":\"" + NEW_DATE + "\"}", 412, """
                {"statusCode":412,"message":"Post was changed since it was read","error":"Precondition Failed"}""");
        refused(threadA.get(0), "\"not-a-version\"", "{}", 412, """
                {"statusCode":412,"message":"Post was changed since it was read","error":"Precondition Failed"}""");
        refused(threadA.get(0), null, "{\"date\":\"tomorrow\",\"delay\":-1,\"settings\":[]}", 400, """
                {"statusCode":400,"message":["date must be a valid ISO 8601 date string",
                  "delay must be a number not less than 0","settings must be an object"],"error":"Bad Request"}""");
        refused(threadA.get(0), null, "{\"content\":\"\"}", 400, """
                {"statusCode":400,"message":["content must have text content or at least one image"],"error":"Bad Request"}""");
        refused("01a20000-0000-7000-8000-000000000000", null, "{}", 404, """
                {"statusCode":404,"message":"Post not found","error":"Not Found"}""");

        var other = Tenant.create(tenant.client());
        var before = rows.of(tenant);
        var foreign =
                other.client().patch("/public/v1/posts/" + threadA.get(0), other.apiKey(), "{\"content\":\"theirs\"}");
        assertAnswer(foreign, 403, """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);

        rows.setState(rootB, "PUBLISHING");
        refused(threadA.get(0), null, "{\"content\":\"x\"}", 409, """
                {"statusCode":409,"message":"Post is being published, try again shortly","error":"Conflict"}""");
        rows.setState(rootB, "PUBLISHED");
        refused(rootB, null, "{\"content\":\"x\"}", 403, """
                {"statusCode":403,"message":"Published posts cannot be changed","error":"Forbidden"}""");
    }

    @Test
    void checksTheProviderRulesOfAQueuedPost() {
        var mastodon = tenant.integration(
                "Toots", "mastodon", "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"t\"}");
        var toot =
                tenant.createPosts("""
                        {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"short"}]}]}
                        """.formatted(mastodon)).get(0).get("postId").asString();

        refused(toot, null, "{\"content\":\"" + "x".repeat(501) + "\"}", 400, """
                {"statusCode":400,"provider":"mastodon","name":"Toots",
                 "message":"The post is 501 characters long; at most 500 are allowed"}""");
    }

    private void refused(String post, String ifMatch, String body, int status, String expected) {
        var before = rows.of(tenant);

        assertAnswer(patch(post, ifMatch, body), status, expected);

        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    private HeraldClient.Response patch(String post, String ifMatch, String body) {
        var request = HttpRequest.newBuilder(URI.create(tenant.client().base() + "/public/v1/posts/" + post))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", tenant.apiKey())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return tenant.client().send(request.build());
    }

    private List<String> dates() {
        return jdbc.sql("""
                        select to_char(publish_date at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00 ' || state
                        from posts where group_id = cast(:group as uuid) and deleted_at is null""").param("group", group).query(String.class).list();
    }

    private String settings(String post) {
        return jdbc.sql("select settings::text from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
    }
}
