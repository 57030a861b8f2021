package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code GET /public/v1/posts}: the caller's root posts of a window, field for field (spec §3, §4.2). */
@HeraldIntegrationTest
class ListPostsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Rows rows;

    Tenant tenant;

    String webhook;

    @BeforeEach
    void createTenant() {
        rows = new Rows(jdbc);
        tenant = Tenant.create(new HeraldClient(port));
        webhook = tenant.webhook("Hook");
    }

    @Test
    void listsEachRootPostWithExactlyTheContractsFields() {
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,
                 "tags":[{"value":"p","label":"Promo"},{"value":"l","label":"Launch"}],
                 "posts":[{"integration":{"id":"%s"},"settings":{"__type":"x","who":"everyone","n":2},
                           "value":[{"content":"<p>Hello <strong>world</strong></p>",
                                     "image":[{"id":"m1","path":"https://cdn.test/a.png","alt":"An A","thumbnail":"https://cdn.test/a-small.png"}]},
                                    {"content":"a thread item is not listed"}]}]}
                """.formatted(webhook));
        var tags = jdbc.sql("select name, id::text from tags where organization_id = :organization")
                .param("organization", UUID.fromString(tenant.id()))
                .query((row, n) -> List.of(row.getString(1), row.getString(2)))
                .list();
        var launch = tags.stream()
                .filter(tag -> tag.get(0).equals("Launch"))
                .findFirst()
                .orElseThrow()
                .get(1);
        var promo = tags.stream()
                .filter(tag -> tag.get(0).equals("Promo"))
                .findFirst()
                .orElseThrow()
                .get(1);

        var response = tenant.get("/public/v1/posts?startDate=2030-05-01T00:00:00Z&endDate=2030-05-02T00:00:00Z");

        assertAnswer(response, 200, """
                {"posts":[{
                  "id":"%s",
                  "content":"<p>Hello <strong>world</strong></p>",
                  "publishDate":"2030-05-01T09:00:00.000Z",
                  "releaseURL":null,
                  "releaseId":null,
                  "state":"QUEUE",
                  "status":"scheduled",
                  "error":null,
                  "group":"%s",
                  "creationMethod":"API",
                  "settings":{"__type":"webhook","who":"everyone","n":2},
                  "image":[{"id":"m1","path":"https://cdn.test/a.png","alt":"An A","thumbnail":"https://cdn.test/a-small.png"}],
                  "tags":[{"tag":{"id":"%s","name":"Launch","color":"#612BD3"}},
                          {"tag":{"id":"%s","name":"Promo","color":"#612BD3"}}],
                  "integration":{"id":"%s","providerIdentifier":"webhook","name":"Hook","picture":"https://pics.test/Hook.png"}
                }]}""".formatted(
                        created.get(0).get("postId").asString(),
                        created.get(0).get("group").asString(),
                        launch,
                        promo,
                        webhook));
    }

    @Test
    void answersAnEmptyListAsAJsonBody() {
        assertAnswer(tenant.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02"), 200, """
                {"posts":[]}""");
    }

    @ParameterizedTest
    @CsvSource({
        "DRAFT,      DRAFT,     draft",
        "QUEUE,      QUEUE,     scheduled",
        "PUBLISHING, QUEUE,     publishing",
        "PUBLISHED,  PUBLISHED, published",
        "ERROR,      ERROR,     failed"
    })
    void showsEveryStateAsPostizStateAndStatus(String stored, String state, String status) {
        var created = tenant.createPosts(post("2030-05-01T09:00:00Z", "stateful"));
        var id = created.get(0).get("postId").asString();
        jdbc.sql("""
                        update posts set state = :state, error = :error, release_id = :releaseId, release_url = :url
                        where id = :id""")
                .param("state", stored)
                .param("error", stored.equals("ERROR") ? "The platform said no" : null)
                .param("releaseId", stored.equals("PUBLISHED") ? "109876" : null)
                .param("url", stored.equals("PUBLISHED") ? "https://mastodon.test/@me/109876" : null)
                .param("id", UUID.fromString(id))
                .update();

        var listed = tenant.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02")
                .json()
                .get("posts")
                .get(0);

        assertThat(listed.get("state").asString()).isEqualTo(state);
        assertThat(listed.get("status").asString()).isEqualTo(status);
        assertThat(text(listed.get("error"))).isEqualTo(stored.equals("ERROR") ? "The platform said no" : null);
        assertThat(text(listed.get("releaseId"))).isEqualTo(stored.equals("PUBLISHED") ? "109876" : null);
        assertThat(text(listed.get("releaseURL")))
                .isEqualTo(stored.equals("PUBLISHED") ? "https://mastodon.test/@me/109876" : null);
    }

    @Test
    void ordersByPublishDateThenId() {
        var late = root(tenant.createPosts(post("2030-05-01T10:00:00Z", "late")));
        var other = tenant.webhook("Other");
        var pair = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"one"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"two"}]}]}
                """.formatted(webhook, other));
        var third = root(tenant.createPosts(post("2030-05-01T09:00:00Z", "three")));
        var early = root(tenant.createPosts(post("2030-05-01T08:59:59.999Z", "early")));
        var sameTime = new ArrayList<>(List.of(
                pair.get(0).get("postId").asString(), pair.get(1).get("postId").asString(), third));
        // PostgreSQL orders uuids by their bytes, which is the order of their lowercase text
        sameTime.sort(null);

        var listed = ids(tenant.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02"));

        assertThat(listed).containsExactly(early, sameTime.get(0), sameTime.get(1), sameTime.get(2), late);
    }

    @Test
    void includesBothEndsOfTheWindow() {
        var nine = root(tenant.createPosts(post("2030-05-01T09:00:00Z", "nine")));
        var ten = root(tenant.createPosts(post("2030-05-01T10:00:00Z", "ten")));

        assertThat(ids(window("2030-05-01T09:00:00Z", "2030-05-01T10:00:00Z"))).containsExactly(nine, ten);
        assertThat(ids(window("2030-05-01T09:00:00.001Z", "2030-05-01T10:00:00Z")))
                .containsExactly(ten);
        assertThat(ids(window("2030-05-01T09:00:00Z", "2030-05-01T09:59:59.999Z")))
                .containsExactly(nine);
        assertThat(ids(window("2030-05-01T09:00:00.000Z", "2030-05-01T09:00:00.000Z")))
                .containsExactly(nine);
        assertThat(ids(window("2030-05-01T10:00:00Z", "2030-05-01T09:00:00Z"))).isEmpty();
    }

    @Test
    void readsWindowsInEveryInstantForm() {
        var nine = root(tenant.createPosts(post("2030-05-01T09:00:00Z", "nine")));

        // 11:00 at +02:00 is 09:00 UTC; a time without zone is UTC
        assertThat(ids(window("2030-05-01T11:00:00%2B02:00", "2030-05-01T11:00:00%2B02:00")))
                .containsExactly(nine);
        assertThat(ids(window("2030-05-01T09:00:00", "2030-05-01T09:00:00"))).containsExactly(nine);
        assertThat(ids(window("2030-05-01T04:00:00-05:00", "2030-05-01T04:00:00-05:00")))
                .containsExactly(nine);
        assertThat(ids(window("2030-05-01T11:00:00%2B02:00", "2030-05-01T11:59:59%2B02:00")))
                .containsExactly(nine);
        assertThat(ids(window("2030-05-01T11:00:00.001%2B02:00", "2030-05-02"))).isEmpty();
    }

    @Test
    void readsABareDateAsTheStartOfThatDayInUtc() {
        var midnight = root(tenant.createPosts(post("2030-05-02T00:00:00Z", "midnight")));
        var justAfter = root(tenant.createPosts(post("2030-05-02T00:00:00.001Z", "just after")));
        var dayBefore = root(tenant.createPosts(post("2030-05-01T00:00:00Z", "day before")));

        assertThat(ids(window("2030-05-01", "2030-05-02"))).containsExactly(dayBefore, midnight);
        assertThat(ids(window("2030-05-02", "2030-05-03"))).containsExactly(midnight, justAfter);
        assertThat(ids(window("2030-05-02", "2030-05-02"))).containsExactly(midnight);
    }

    @Test
    void filtersByCustomer() {
        var acme = tenant.customer("Acme");
        var globex = tenant.customer("Globex");
        var acmeHook = tenant.webhook("Acme hook", acme);
        var globexHook = tenant.webhook("Globex hook", globex);
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"acme"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"globex"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"nobody's"}]}]}
                """.formatted(acmeHook, globexHook, webhook));
        var theirs = Tenant.create(new HeraldClient(port)).customer("Acme");
        var window = "/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02";

        assertThat(ids(tenant.get(window + "&customer=" + acme)))
                .containsExactly(created.get(0).get("postId").asString());
        assertThat(ids(tenant.get(window + "&customer=" + globex)))
                .containsExactly(created.get(1).get("postId").asString());
        assertThat(ids(tenant.get(window + "&customer="))).hasSize(3);
        assertThat(ids(tenant.get(window))).hasSize(3);
        assertThat(ids(tenant.get(window + "&customer=" + theirs))).isEmpty();
        assertThat(ids(tenant.get(window + "&customer=" + UUID.randomUUID()))).isEmpty();
        assertThat(ids(tenant.get(window + "&customer=not-an-id"))).isEmpty();
    }

    @Test
    void neverListsAnotherOrganizationsOrADeletedPost() {
        var kept = root(tenant.createPosts(post("2030-05-01T09:00:00Z", "kept")));
        var deleted = root(tenant.createPosts(post("2030-05-01T09:00:00Z", "deleted")));
        assertThat(tenant.delete("/public/v1/posts/" + deleted).status()).isEqualTo(200);
        var other = Tenant.create(new HeraldClient(port));
        other.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"theirs"}]}]}
                """.formatted(other.webhook("Theirs")));

        assertThat(ids(tenant.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02")))
                .containsExactly(kept);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''| '\"startDate must be a valid ISO 8601 date string\",\"endDate must be a valid ISO 8601 date string\"'",
                "?startDate=2030-05-01| '\"endDate must be a valid ISO 8601 date string\"'",
                "?endDate=2030-05-01| '\"startDate must be a valid ISO 8601 date string\"'",
                "?startDate=&endDate=2030-05-01| '\"startDate must be a valid ISO 8601 date string\"'",
                "?startDate=yesterday&endDate=2030-05-01| '\"startDate must be a valid ISO 8601 date string\"'",
                "?startDate=2030-05-01&endDate=2030-13-01| '\"endDate must be a valid ISO 8601 date string\"'",
                "?startDate=2030-05-01&endDate=2030-05-01T25:00:00Z| '\"endDate must be a valid ISO 8601 date string\"'",
                "?startDate=1714554000&endDate=x| '\"startDate must be a valid ISO 8601 date string\",\"endDate must be a valid ISO 8601 date string\"'"
            })
    void refusesAMissingOrInvalidWindow(String query, String messages) {
        assertAnswer(tenant.get("/public/v1/posts" + query), 400, """
                {"statusCode":400,"message":[%s],"error":"Bad Request"}""".formatted(messages));
    }

    private String post(String date, String content) {
        return """
                {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}
                """.formatted(date, webhook, content);
    }

    private HeraldClient.Response window(String start, String end) {
        var response = tenant.get("/public/v1/posts?startDate=" + start + "&endDate=" + end);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String root(JsonNode created) {
        return created.get(0).get("postId").asString();
    }

    private static List<String> ids(HeraldClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var ids = new ArrayList<String>();
        response.json().get("posts").forEach(post -> ids.add(post.get("id").asString()));
        return ids;
    }

    private static String text(JsonNode node) {
        return node.isNull() ? null : node.asString();
    }
}
