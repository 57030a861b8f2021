package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code PUT /public/v1/posts/{id}/settings} (spec §9.2): Postiz's settings change and its refusals. */
@HeraldIntegrationTest
class PostSettingsIntegrationTests {

    private static final String DATE = "2030-05-01T09:00:00Z";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    Rows rows;

    String a;

    String group;

    List<String> thread;

    String other;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(new HeraldClient(port));
        rows = new Rows(jdbc);
        a = tenant.webhook("A");
        var created = tenant.createPosts("""
                {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":{"keep":1},"value":[{"content":"A0"},{"content":"A1"}]},
                          {"integration":{"id":"%s"},"settings":{"keep":2},"value":[{"content":"B0"}]}]}
                """.formatted(DATE, a, tenant.webhook("B")));
        group = created.get(0).get("group").asString();
        thread = rows.thread(group, a);
        other = created.get(1).get("postId").asString();
    }

    @Test
    void mergesTheSettingsIntoTheRootsThreadAndKeepsItsAlarm() {
        var answer = put(thread.get(0), "{\"settings\":{\"added\":\"yes\",\"__type\":\"x\"}}");

        assertAnswer(answer, 200, """
                {"postId":"%s","publishDate":"2030-05-01T09:00:00.000Z"}""".formatted(thread.get(0)));
        assertThat(settings(thread.get(0))).isEqualTo("{\"keep\": 1, \"added\": \"yes\", \"__type\": \"webhook\"}");
        assertThat(settings(thread.get(1))).isEqualTo("{\"keep\": 1, \"added\": \"yes\", \"__type\": \"webhook\"}");
        assertThat(settings(other)).isEqualTo("{\"keep\": 2, \"__type\": \"webhook\"}");
        assertThat(rows.triggerFireTimes(group))
                .containsExactly(Instant.parse(DATE).toEpochMilli());
    }

    @Test
    void refusesEveryForbiddenChangeWithItsExactBodyAndChangesNothing() {
        refused(thread.get(0), "{\"settings\":[1]}", 400, """
                {"statusCode":400,"message":["settings must be an object"],"error":"Bad Request"}""");
        refused(thread.get(0), "{}", 400, """
                {"statusCode":400,"message":["settings must be an object"],"error":"Bad Request"}""");
        refused(thread.get(1), "{\"settings\":{}}", 400, """
                {"statusCode":400,"message":"This id belongs to a comment, pass the id of the main post","error":"Bad Request"}""");
        refused("not-an-id", "{\"settings\":{}}", 404, """
                {"statusCode":404,"message":"Post not found","error":"Not Found"}""");

        var stranger = Tenant.create(tenant.client());
        var before = rows.of(tenant);
        assertAnswer(
                stranger.client()
                        .put("/public/v1/posts/" + thread.get(0) + "/settings", stranger.apiKey(), "{\"settings\":{}}"),
                403,
                """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);

        rows.setState(other, "PUBLISHED");
        refused(other, "{\"settings\":{}}", 400, """
                {"statusCode":400,"message":"Only a scheduled or draft post can change its settings","error":"Bad Request"}""");

        jdbc.sql("update posts set publish_date = '2020-01-01T00:00:00Z' where id = cast(:id as uuid)")
                .param("id", thread.get(0))
                .update();
        refused(thread.get(0), "{\"settings\":{}}", 400, """
                {"statusCode":400,"message":"The post's publish date has passed; its settings can no longer change","error":"Bad Request"}""");
    }

    private void refused(String post, String body, int status, String expected) {
        var before = rows.of(tenant);

        assertAnswer(put(post, body), status, expected);

        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    private HeraldClient.Response put(String post, String body) {
        return tenant.client().put("/public/v1/posts/" + post + "/settings", tenant.apiKey(), body);
    }

    private String settings(String post) {
        return jdbc.sql("select settings::text from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
    }
}
