package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code GET /public/v1/posts/{id}} (spec §9.3): one post with its thread, its group and its version. */
@HeraldIntegrationTest
class GetPostIntegrationTests {

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
    void answersTheListItemWithItsThreadMembersFlagsAndVersionAndTheVersionAsETag() {
        var created = createTwoIntegrationGroup();
        var root = created.get(0).get("postId").asString();
        var other = created.get(1).get("postId").asString();
        var group = created.get(0).get("group").asString();
        var items = rows.thread(group, a);
        var tag = jdbc.sql("select id::text from tags where organization_id = :organization")
                .param("organization", UUID.fromString(tenant.id()))
                .query(String.class)
                .single();

        var answer = tenant.get("/public/v1/posts/" + root);

        assertAnswer(answer, 200, """
                {"id":"%1$s","content":"<p>root</p>","publishDate":"2030-05-01T09:00:00.000Z",
                 "releaseURL":null,"releaseId":null,"state":"QUEUE","status":"scheduled","error":null,
                 "group":"%2$s","creationMethod":"API","settings":{"__type":"webhook","who":"all"},
                 "image":[{"id":"m1","path":"https://cdn.test/a.png"}],
                 "tags":[{"tag":{"id":"%3$s","name":"Launch","color":"#612BD3"}}],
                 "integration":{"id":"%4$s","providerIdentifier":"webhook","name":"A","picture":"https://pics.test/A.png"},
                 "intervalInDays":null,
                 "thread":[
                   {"id":"%5$s","content":"one","image":[],"delay":0,"state":"QUEUE","status":"scheduled",
                    "releaseId":null,"releaseURL":null,"error":null},
                   {"id":"%6$s","content":"two","image":[{"id":"m2","path":"https://cdn.test/b.png"}],"delay":0.5,
                    "state":"QUEUE","status":"scheduled","releaseId":null,"releaseURL":null,"error":null}],
                 "members":[
                   {"id":"%1$s","integration":"%4$s","state":"QUEUE","status":"scheduled"},
                   {"id":"%5$s","integration":"%4$s","state":"QUEUE","status":"scheduled"},
                   {"id":"%6$s","integration":"%4$s","state":"QUEUE","status":"scheduled"},
                   {"id":"%7$s","integration":"%8$s","state":"QUEUE","status":"scheduled"}],
                 "editable":true,"deletable":true,"version":4}""".formatted(root, group, tag, a, items.get(1), items.get(2), other, b));
        assertThat(answer.headers().firstValue("ETag")).hasValue("\"4\"");
    }

    @Test
    void answersAThreadItemWithItsOwnFieldsAndTheWholeThread() {
        var created = createTwoIntegrationGroup();
        var group = created.get(0).get("group").asString();
        var items = rows.thread(group, a);

        var answer = tenant.get("/public/v1/posts/" + items.get(2)).json();

        assertThat(answer.get("id").asString()).isEqualTo(items.get(2));
        assertThat(answer.get("content").asString()).isEqualTo("two");
        assertThat(answer.get("tags").get(0).get("tag").get("name").asString()).isEqualTo("Launch");
        assertThat(answer.get("thread").valueStream().map(item -> item.get("id").asString()))
                .containsExactly(items.get(1), items.get(2));
    }

    @Test
    void showsWhatAnEditOrADeleteWouldBeAllowedAndAChangedVersion() {
        var created = createTwoIntegrationGroup();
        var root = created.get(0).get("postId").asString();
        var other = created.get(1).get("postId").asString();

        rows.setState(other, "PUBLISHED");
        var published = tenant.get("/public/v1/posts/" + other);
        assertThat(flags(published.json())).isEqualTo("editable=true deletable=false");
        assertThat(flags(tenant.get("/public/v1/posts/" + root).json())).isEqualTo("editable=true deletable=true");

        rows.setState(root, "PUBLISHING");
        assertThat(flags(tenant.get("/public/v1/posts/" + root).json())).isEqualTo("editable=false deletable=false");

        rows.setState(root, "QUEUE");
        rows.setState(other, "QUEUE");
        var moved =
                tenant.client().put("/public/v1/posts/" + root + "/status", tenant.apiKey(), "{\"status\":\"draft\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        var after = tenant.get("/public/v1/posts/" + root);
        assertThat(after.headers().firstValue("ETag"))
                .isNotEqualTo(published.headers().firstValue("ETag"));
        assertThat(after.headers().firstValue("ETag"))
                .hasValue("\"" + after.json().get("version").asLong() + "\"");
    }

    @Test
    void answers404ForUnknownMalformedAndDeletedPostsAnd403ForAnotherOrganizations() {
        var created = createTwoIntegrationGroup();
        var root = created.get(0).get("postId").asString();
        var notFound = """
                {"statusCode":404,"message":"Post not found","error":"Not Found"}""";

        assertAnswer(tenant.get("/public/v1/posts/01a20000-0000-7000-8000-000000000000"), 404, notFound);
        assertAnswer(tenant.get("/public/v1/posts/not-an-id"), 404, notFound);
        var other = Tenant.create(tenant.client());
        assertAnswer(other.get("/public/v1/posts/" + root), 403, """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");

        assertThat(tenant.delete("/public/v1/posts/" + root).status()).isEqualTo(200);
        assertAnswer(tenant.get("/public/v1/posts/" + root), 404, notFound);
    }

    private JsonNode createTwoIntegrationGroup() {
        return tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,
                 "tags":[{"value":"l","label":"Launch"}],
                 "posts":[{"integration":{"id":"%s"},"settings":{"who":"all"},
                           "value":[{"content":"<p>root</p>","image":[{"id":"m1","path":"https://cdn.test/a.png"}]},
                                    {"content":"one"},
                                    {"content":"two","delay":0.5,"image":[{"id":"m2","path":"https://cdn.test/b.png"}]}]},
                          {"integration":{"id":"%s"},"value":[{"content":"other"}]}]}
                """.formatted(a, b));
    }

    private static String flags(JsonNode post) {
        return "editable=" + post.get("editable").asBoolean() + " deletable="
                + post.get("deletable").asBoolean();
    }
}
