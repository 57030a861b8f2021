package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /public/v1/posts}: what a create stores and answers, and every way it is refused (spec §4.1). */
@HeraldIntegrationTest
class CreatePostsIntegrationTests {

    private static final String WINDOW_2030 = "/public/v1/posts?startDate=2030-01-01&endDate=2031-01-01";

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

    // --- what a create answers and stores ---

    @Test
    void answersTheRootPostOfEveryEntryInRequestOrder() {
        var c = tenant.webhook("C");
        var a = tenant.webhook("A");
        var b = tenant.webhook("B");
        var response = tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],"posts":[
                  {"integration":{"id":"%s"},"value":[{"content":"to C"},{"content":"C again"}]},
                  {"integration":{"id":"%s"},"value":[{"content":"to A"}]},
                  {"integration":{"id":"%s"},"value":[{"content":"to B"},{"content":"B again"}]}]}
                """.formatted(c, a, b));

        var group = response.json().get(0).get("group").asString();
        assertAnswer(response, 201, """
                [{"postId":"%s","integration":"%s","group":"%s"},
                 {"postId":"%s","integration":"%s","group":"%s"},
                 {"postId":"%s","integration":"%s","group":"%s"}]
                """.formatted(
                        rows.thread(group, c).get(0),
                        c,
                        group,
                        rows.thread(group, a).get(0),
                        a,
                        group,
                        rows.thread(group, b).get(0),
                        b,
                        group));
        assertThat(rows.members(group)).hasSize(5);
    }

    @Test
    void storesEachThreadItemUnderItsPredecessorWithItsDelay() {
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],"posts":[
                  {"integration":{"id":"%s"},"value":[
                    {"content":"root","delay":30},
                    {"content":"second","delay":5,"image":[{"id":"m1","path":"https://cdn.test/a.png","alt":"A"}]},
                    {"content":"third"}]}]}
                """.formatted(webhook));

        var group = created.get(0).get("group").asString();
        var thread =
                jdbc.sql("""
                        select id::text, parent_post_id::text as parent, thread_index, content, delay_minutes, state,
                               image::text as image, publish_date
                        from posts where group_id = :group order by thread_index
                        """).param("group", UUID.fromString(group)).query().listOfRows();
        assertThat(thread).hasSize(3);
        assertThat(thread.get(0).get("id"))
                .isEqualTo(created.get(0).get("postId").asString());
        assertThat(thread.get(0).get("parent")).isNull();
        assertThat(thread.get(1).get("parent")).isEqualTo(thread.get(0).get("id"));
        assertThat(thread.get(2).get("parent")).isEqualTo(thread.get(1).get("id"));
        assertThat(thread).extracting(row -> row.get("thread_index")).containsExactly(0, 1, 2);
        assertThat(thread).extracting(row -> row.get("content")).containsExactly("root", "second", "third");
        // a root has no delay: it goes out at the publish date
        assertThat(thread).extracting(row -> row.get("delay_minutes")).containsExactly(0.0, 5.0, 0.0);
        assertThat(thread).extracting(row -> row.get("state")).containsOnly("QUEUE");
        assertBody((String) thread.get(1).get("image"), """
                [{"id":"m1","path":"https://cdn.test/a.png","alt":"A"}]""");
        assertBody((String) thread.get(2).get("image"), "[]");
    }

    @Test
    void schedulesTheGroupAtItsPublishDateAndNothingForADraft() {
        var scheduled = tenant.createPosts(body("schedule", "\"2030-05-01T09:00:00Z\"", "Soon"));
        var draft = tenant.createPosts(body("draft", "\"2030-05-01T09:00:00Z\"", "Later"));

        var group = scheduled.get(0).get("group").asString();
        assertThat(rows.triggerFireTimes(group))
                .containsExactly(Instant.parse("2030-05-01T09:00:00Z").toEpochMilli());
        assertThat(rows.alarms(group)).isEqualTo(1);
        var draftGroup = draft.get(0).get("group").asString();
        assertThat(rows.triggerFireTimes(draftGroup)).isEmpty();
        assertThat(rows.alarms(draftGroup)).isZero();
        assertThat(state(draft.get(0).get("postId").asString())).isEqualTo("DRAFT");
    }

    @ParameterizedTest
    @CsvSource({
        "2030-05-01T09:00:00Z,       2030-05-01T09:00:00.000Z",
        "2030-05-01T09:00:00.000Z,   2030-05-01T09:00:00.000Z",
        "2030-05-01T09:00:00.250Z,   2030-05-01T09:00:00.250Z",
        "2030-05-01T09:00:00+02:00,  2030-05-01T07:00:00.000Z",
        "2030-05-01T09:00:00-05:30,  2030-05-01T14:30:00.000Z",
        "2030-05-01T09:00:00,        2030-05-01T09:00:00.000Z",
        "2030-05-01T09:00,           2030-05-01T09:00:00.000Z"
    })
    void acceptsEveryInstantFormAndAnswersUtcWithMilliseconds(String date, String published) {
        var created = tenant.createPosts(body("schedule", "\"" + date + "\"", "Dated"));

        var listed = tenant.get(WINDOW_2030).json().get("posts");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("publishDate").asString()).isEqualTo(published);
        assertThat(rows.triggerFireTimes(created.get(0).get("group").asString()))
                .containsExactly(Instant.parse(published).toEpochMilli());
    }

    @Test
    void removesScriptsHandlersAndJavascriptLinksButKeepsTheSafeSubset() {
        var content = "<p onclick=\\\"steal()\\\">Hi <script>alert(1)</script><strong>bold</strong> <em>it</em>"
                + " <u>under</u> <span>span</span><br><a href=\\\"javascript:alert(1)\\\">bad</a>"
                + " <a href=\\\"https://ok.test/x\\\" onmouseover=\\\"steal()\\\">good</a></p>"
                + "<img src=\\\"x\\\" onerror=\\\"steal()\\\"><h1>One</h1><h2>Two</h2><h3>Three</h3>"
                + "<ul><li>u</li></ul><ol><li>o</li></ol><iframe src=\\\"https://evil.test\\\"></iframe>";
        tenant.createPosts(body("schedule", "\"2030-05-01T09:00:00Z\"", content));

        var stored = tenant.get(WINDOW_2030)
                .json()
                .get("posts")
                .get(0)
                .get("content")
                .asString();
        assertThat(stored)
                .isEqualTo("<p>Hi <strong>bold</strong> <em>it</em> <u>under</u> <span>span</span><br><a>bad</a>"
                        + " <a href=\"https://ok.test/x\">good</a></p><h1>One</h1><h2>Two</h2><h3>Three</h3>"
                        + "<ul><li>u</li></ul><ol><li>o</li></ol>");
        assertThat(stored.toLowerCase()).doesNotContain("script", "onclick", "onerror", "onmouseover", "javascript:");
    }

    @Test
    void createsATagOnFirstUseAndReusesItByLabel() {
        var first = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,
                 "tags":[{"value":"launch","label":"Launch"}],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"one"}]}]}
                """.formatted(webhook));
        var second = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-02T09:00:00Z","shortLink":false,
                 "tags":[{"value":"other value","label":"Launch"},{"value":"promo","label":"Promo"}],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"two"}]}]}
                """.formatted(webhook));
        var otherTenant = Tenant.create(new HeraldClient(port));
        otherTenant.createPosts("""
                {"type":"schedule","date":"2030-05-02T09:00:00Z","shortLink":false,
                 "tags":[{"value":"launch","label":"Launch"}],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"theirs"}]}]}
                """.formatted(otherTenant.webhook("Theirs")));

        var tags = jdbc.sql(
                        "select id::text, name, color from tags where organization_id = :organization order by name")
                .param("organization", UUID.fromString(tenant.id()))
                .query()
                .listOfRows();
        assertThat(tags).extracting(tag -> tag.get("name")).containsExactly("Launch", "Promo");
        var launch = (String) tags.get(0).get("id");
        var promo = (String) tags.get(1).get("id");
        var listed = tenant.get(WINDOW_2030).json().get("posts");
        assertThat(listed.get(0).get("id").asString())
                .isEqualTo(first.get(0).get("postId").asString());
        assertBody(listed.get(0).get("tags").toString(), """
                [{"tag":{"id":"%s","name":"Launch","color":"#612BD3"}}]""".formatted(launch));
        assertThat(listed.get(1).get("id").asString())
                .isEqualTo(second.get(0).get("postId").asString());
        assertBody(listed.get(1).get("tags").toString(), """
                [{"tag":{"id":"%s","name":"Launch","color":"#612BD3"}},
                 {"tag":{"id":"%s","name":"Promo","color":"#612BD3"}}]""".formatted(launch, promo));
    }

    @Test
    void queuesANowPostForAtOnceWithoutADate() {
        var before = Instant.now();
        var created = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"right now"}]}]}
                """.formatted(webhook));

        var post = jdbc.sql("select state, publish_date, due_at from posts where id = :id")
                .param("id", UUID.fromString(created.get(0).get("postId").asString()))
                .query()
                .singleRow();
        // this context publishes nothing, so the post stays as the create stored it: due at once
        assertThat(post.get("state")).isEqualTo("QUEUE");
        var publishDate = ((Timestamp) post.get("publish_date")).toInstant();
        assertThat(publishDate).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(((Timestamp) post.get("due_at")).toInstant()).isEqualTo(publishDate);
        assertThat(rows.triggerFireTimes(created.get(0).get("group").asString()))
                .hasSize(1);
    }

    @Test
    void ignoresTheDateOfANowPost() {
        var response = tenant.post("/public/v1/posts", """
                {"type":"now","date":"not a date","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"right now"}]}]}
                """.formatted(webhook));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void readsTheBodyWhateverItsDeclaredContentType() {
        for (var contentType : new String[] {"text/plain", "application/x-www-form-urlencoded", ""}) {
            var request = HttpRequest.newBuilder(URI.create(tenant.client().base() + "/public/v1/posts"))
                    .header("Authorization", tenant.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString(body("schedule", "\"2030-05-01T09:00:00Z\"", "typed")));
            if (!contentType.isEmpty()) {
                request.header("Content-Type", contentType);
            }

            var response = tenant.client().send(request.build());

            assertThat(response.status())
                    .as(contentType + ": " + response.body())
                    .isEqualTo(201);
        }
    }

    @Test
    void storesATagOnceWhenARequestRepeatsItsLabel() {
        tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,
                 "tags":[{"value":"a","label":"Launch"},{"value":"b","label":" Launch "}],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"one"}]}]}
                """.formatted(webhook));

        assertThat(rows.of(tenant).tags()).hasSize(1);
        assertThat(rows.of(tenant).postTags()).hasSize(1);
        assertThat(tenant.get(WINDOW_2030)
                        .json()
                        .get("posts")
                        .get(0)
                        .get("tags")
                        .get(0)
                        .get("tag")
                        .get("name")
                        .asString())
                .isEqualTo("Launch");
    }

    /** The post is due at once (this context publishes nothing, so it stays queued); its date is kept as given. */
    @Test
    void acceptsAPastDateAsQueued() {
        var created = tenant.createPosts(body("schedule", "\"2020-01-01T00:00:00Z\"", "Late"));

        var listed = tenant.get("/public/v1/posts?startDate=2020-01-01&endDate=2020-01-02")
                .json()
                .get("posts");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asString())
                .isEqualTo(created.get(0).get("postId").asString());
        assertThat(listed.get(0).get("state").asString()).isEqualTo("QUEUE");
        assertThat(listed.get(0).get("status").asString()).isEqualTo("scheduled");
        assertThat(listed.get(0).get("publishDate").asString()).isEqualTo("2020-01-01T00:00:00.000Z");
    }

    @ParameterizedTest
    @CsvSource(
            value = {"'\"CLI\"', CLI", "'\"API\"', API", "'\"WEB\"', API", "'null', API", "'', API"},
            quoteCharacter = '\'')
    void recordsCliAsCreationMethodOnlyWhenTheBodySaysSo(String creationMethod, String stored) {
        var field = creationMethod.isEmpty() ? "" : "\"creationMethod\":" + creationMethod + ",";
        tenant.createPosts("""
                {%s"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":true,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"made"}]}]}
                """.formatted(field, webhook));

        assertThat(tenant.get(WINDOW_2030)
                        .json()
                        .get("posts")
                        .get(0)
                        .get("creationMethod")
                        .asString())
                .isEqualTo(stored);
    }

    @Test
    void replacesTheSettingsTypeByTheIntegrationsProvider() {
        var mastodon = tenant.integration(
                "Toots", "mastodon", "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"tok\"}");
        tenant.createPosts("""
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],"posts":[
                  {"integration":{"id":"%s"},"value":[{"content":"a"}],"settings":{"__type":"x","visibility":"public"}},
                  {"integration":{"id":"%s"},"value":[{"content":"b"}]}]}
                """.formatted(mastodon, webhook));

        var listed = tenant.get(WINDOW_2030).json().get("posts");
        assertBody(listed.get(0).get("settings").toString(), """
                {"__type":"mastodon","visibility":"public"}""");
        assertBody(listed.get(1).get("settings").toString(), """
                {"__type":"webhook"}""");
    }

    @Test
    void acceptsAValueWithAnImageButNoText() {
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[
                   {"content":"","image":[{"id":"same","path":"https://cdn.test/a.png"},{"id":"same","path":"https://cdn.test/b.png"}]}]}]}
                """.formatted(webhook));

        assertThat(created).hasSize(1);
        assertBody(
                tenant.get(WINDOW_2030).json().get("posts").get(0).get("image").toString(), """
                [{"id":"same","path":"https://cdn.test/a.png"},{"id":"same","path":"https://cdn.test/b.png"}]""");
    }

    @Test
    void storesEveryPostTagLinkAndTriggerOfTheGroup() {
        var other = tenant.webhook("Other");
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,
                 "tags":[{"value":"a","label":"A"},{"value":"b","label":"B"}],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"1"},{"content":"2"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"3"}]}]}
                """.formatted(webhook, other));

        var group = created.get(0).get("group").asString();
        var snapshot = rows.of(tenant);
        assertThat(snapshot.posts())
                .hasSize(3)
                .allMatch(post -> post.get("group_id").toString().equals(group));
        assertThat(snapshot.tags()).hasSize(2);
        // tags belong to the roots, which the list shows
        assertThat(snapshot.postTags()).hasSize(4);
        assertThat(snapshot.triggers()).hasSize(1);
    }

    // --- refusals: each answers its exact body and stores nothing ---

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"type\":\"schedule\",| Unexpected end-of-input within/between Object entries at line 1, column 20",
                "{\"type\": schedule}| Unrecognized token 'schedule': was expecting (JSON String, Number, Array,"
                        + " Object or token 'null', 'true' or 'false') at line 1, column 10",
                "{\"type\":\"draft\"}}| Unexpected close marker '}': no open Object to close at line 1, column 17",
                "{'type':'draft'}| Unexpected character (''' (code 39)): was expecting double-quote to start"
                        + " property name at line 1, column 2"
            })
    void refusesMalformedJsonWithTheParsersMessage(String body, String message) {
        refused(body, 400, """
                {"statusCode":400,"message":"%s","error":"Bad Request"}""".formatted(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "\"posts\"", "null", "42"})
    void answersABodyThatIsNotAnObjectWithTheValidationMessages(String body) {
        refused(body, 400, """
                {"statusCode":400,"message":[
                  "type must be one of the following values: draft, schedule, now",
                  "shortLink must be a boolean value",
                  "date must be a valid ISO 8601 date string",
                  "tags must be an array",
                  "posts must be an array"],"error":"Bad Request"}""");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"value\":[{\"content\":\"x\"}]}",
                "{\"integration\":{},\"value\":[{\"content\":\"x\"}]}",
                "{\"integration\":{\"id\":\"\"},\"value\":[{\"content\":\"x\"}]}",
                "{\"integration\":{\"id\":null},\"value\":[{\"content\":\"x\"}]}",
                "{\"integration\":\"abc\",\"value\":[{\"content\":\"x\"}]}"
            })
    void refusesAnEntryWithoutIntegrationIdBeforeAnyOtherCheck(String entry) {
        // the second entry names a real integration; the body also lacks type, shortLink and tags
        refused(
                "{\"posts\":[{\"integration\":{\"id\":\"" + webhook + "\"},\"value\":[{\"content\":\"ok\"}]}," + entry
                        + "]}",
                400,
                """
                {"statusCode":400,"message":"All posts must have an integration id","error":"Bad Request"}""");
    }

    @Test
    void refusesAnUnknownIntegration() {
        var unknown = UUID.randomUUID().toString();
        refusedForIntegration(unknown);
    }

    @Test
    void refusesAMalformedIntegrationIdAsUnknown() {
        refusedForIntegration("not-an-id");
    }

    @Test
    void refusesADeletedIntegration() {
        var deleted = tenant.webhook("Gone");
        assertThat(tenant.deleteIntegration(deleted).status()).isEqualTo(200);

        refusedForIntegration(deleted);
    }

    @Test
    void refusesADisabledIntegration() {
        var disabled = tenant.webhook("Off");
        assertThat(tenant.patchIntegration(disabled, "{\"disabled\":true}").status())
                .isEqualTo(200);

        refusedForIntegration(disabled);
    }

    @Test
    void refusesAnotherOrganizationsIntegration() {
        var theirs = Tenant.create(new HeraldClient(port)).webhook("Theirs");

        refusedForIntegration(theirs);
    }

    @Test
    void listsEveryFieldThatFailsValidation() {
        refused("{}", 400, """
                {"statusCode":400,"message":[
                  "type must be one of the following values: draft, schedule, now",
                  "shortLink must be a boolean value",
                  "date must be a valid ISO 8601 date string",
                  "tags must be an array",
                  "posts must be an array"],"error":"Bad Request"}""");
    }

    @Test
    void namesTheDottedPathOfEveryInvalidItem() {
        refused("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[{"value":"v"}, "x"],
                 "posts":[{"integration":{"id":"%s"},"settings":[],"value":[
                   {"content":"fine"},
                   {"content":"no images","image":"https://cdn.test/a.png","delay":-1},
                   {"content":""},
                   {"content":"<p> </p>","image":[]},
                   {"content":5,"image":[{"id":"i"},{"path":"ftp://cdn.test/a.png"}]}]},
                  {"integration":{"id":"%s"},"value":[]}]}
                """.formatted(webhook, tenant.webhook("Other")), 400, """
                {"statusCode":400,"message":[
                  "tags.0.label must be a string",
                  "tags.1 must be an object",
                  "posts.0.value.1.image must be an array",
                  "posts.0.value.1.delay must be a number not less than 0",
                  "posts.0.value.2 must have text content or at least one image",
                  "posts.0.value.3 must have text content or at least one image",
                  "posts.0.value.4.content must be a string",
                  "posts.0.value.4.image.0.path must be a non-empty string",
                  "posts.0.value.4.image.1.path must be an http or https URL",
                  "posts.0.settings must be an object",
                  "posts.1.value must contain at least 1 elements"],"error":"Bad Request"}""");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"type\":\"later\",\"date\":\"2030-05-01T09:00:00Z\",\"shortLink\":false,\"tags\":[]"
                        + "| type must be one of the following values: draft, schedule, now",
                "\"type\":\"schedule\",\"date\":\"2030-05-01T09:00:00Z\",\"tags\":[]"
                        + "| shortLink must be a boolean value",
                "\"type\":\"schedule\",\"date\":\"2030-05-01T09:00:00Z\",\"shortLink\":\"yes\",\"tags\":[]"
                        + "| shortLink must be a boolean value",
                "\"type\":\"schedule\",\"shortLink\":false,\"tags\":[]| date must be a valid ISO 8601 date string",
                "\"type\":\"draft\",\"shortLink\":false,\"tags\":[]| date must be a valid ISO 8601 date string",
                "\"type\":\"schedule\",\"date\":\"2030-05-01\",\"shortLink\":false,\"tags\":[]"
                        + "| date must be a valid ISO 8601 date string",
                "\"type\":\"schedule\",\"date\":\"tomorrow\",\"shortLink\":false,\"tags\":[]"
                        + "| date must be a valid ISO 8601 date string",
                "\"type\":\"schedule\",\"date\":\"2030-02-30T09:00:00Z\",\"shortLink\":false,\"tags\":[]"
                        + "| date must be a valid ISO 8601 date string",
                "\"type\":\"schedule\",\"date\":\"2030-05-01T09:00:00Z\",\"shortLink\":false"
                        + "| tags must be an array",
                "\"type\":\"schedule\",\"date\":\"2030-05-01T09:00:00Z\",\"shortLink\":false,\"tags\":{}"
                        + "| tags must be an array"
            })
    void refusesEachInvalidTopLevelField(String fields, String message) {
        refused(
                "{" + fields + ",\"posts\":[{\"integration\":{\"id\":\"" + webhook
                        + "\"},\"value\":[{\"content\":\"x\"}]}]}",
                400,
                """
                {"statusCode":400,"message":["%s"],"error":"Bad Request"}""".formatted(message));
    }

    @Test
    void refusesAnEmptyPostsList() {
        refused("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],"posts":[]}""", 400, """
                {"statusCode":400,"message":["posts must contain at least 1 elements"],"error":"Bad Request"}""");
    }

    @Test
    void refusesAValueWithNeitherTextNorImage() {
        refused(body("schedule", "\"2030-05-01T09:00:00Z\"", ""), 400, """
                {"statusCode":400,"message":["posts.0.value.0 must have text content or at least one image"],
                 "error":"Bad Request"}""");
    }

    @Test
    void answersAnEditOfAnUnknownGroupWithGroupNotFound() {
        refused("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"group":"01a20000-0000-7000-8000-000000000000",
                           "value":[{"content":"edit"}]}]}
                """.formatted(webhook), 404, """
                {"statusCode":404,"message":"Group not found","error":"Not Found"}""");
    }

    @Test
    void acceptsAnEmptyGroupAsANewOne() {
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"group":"","value":[{"content":"new"}]}]}
                """.formatted(webhook));

        assertThat(created.get(0).get("group").asString()).isNotEmpty();
    }

    @Test
    void refusesABodyOverOneMebibyte() {
        var big = body("schedule", "\"2030-05-01T09:00:00Z\"", "x".repeat(1024 * 1024));

        refused(big, 413, """
                {"statusCode":413,"message":"Request entity too large","error":"Payload Too Large"}""");
    }

    @Test
    void refusesABodyOverOneMebibyteSentWithoutALength() {
        var big = body("schedule", "\"2030-05-01T09:00:00Z\"", "x".repeat(1024 * 1024));
        var before = rows.of(tenant);

        // a stream publisher makes the client send the body chunked, with no Content-Length
        var response = tenant.client()
                .send(HttpRequest.newBuilder(URI.create(tenant.client().base() + "/public/v1/posts"))
                        .header("Authorization", tenant.apiKey())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                        .build());

        assertAnswer(response, 413, """
                {"statusCode":413,"message":"Request entity too large","error":"Payload Too Large"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void acceptsABodyJustUnderTheLimit() {
        var template = body("draft", "\"2030-05-01T09:00:00Z\"", "%s");
        var content = "x".repeat(1024 * 1024 - template.length() + 2);
        var response = tenant.post("/public/v1/posts", template.formatted(content));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    // --- provider rules ---

    @Test
    void refusesAMastodonPostOverFiveHundredCharacters() {
        var mastodon = tenant.integration(
                "My Toots", "mastodon", "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"tok\"}");

        refused(postTo(mastodon, "schedule", "é".repeat(501)), 400, """
                {"statusCode":400,"provider":"mastodon","name":"My Toots",
                 "message":"The post is 501 characters long; at most 500 are allowed"}""");
        refused(postTo(mastodon, "now", "<p>" + "a".repeat(499) + "</p><p>bc</p>"), 400, """
                {"statusCode":400,"provider":"mastodon","name":"My Toots",
                 "message":"The post is 502 characters long; at most 500 are allowed"}""");
    }

    @Test
    void countsMastodonLengthOnThePlainText() {
        var mastodon = tenant.integration(
                "My Toots", "mastodon", "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"tok\"}");

        var response = tenant.post(
                "/public/v1/posts", postTo(mastodon, "schedule", "<p><strong>" + "é".repeat(500) + "</strong></p>"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void refusesABlueskyPostOverThreeHundredGraphemes() {
        var bluesky = tenant.integration(
                "Sky",
                "bluesky",
                "{\"service\":\"https://bsky.social\",\"identifier\":\"me.test\",\"appPassword\":\"pw\"}");
        // a family emoji is one grapheme of five code points
        var family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

        assertThat(tenant.post("/public/v1/posts", postTo(bluesky, "schedule", family.repeat(300)))
                        .status())
                .isEqualTo(201);
        refused(postTo(bluesky, "schedule", family.repeat(301)), 400, """
                {"statusCode":400,"provider":"bluesky","name":"Sky",
                 "message":"The post is 301 graphemes long; at most 300 are allowed"}""");
    }

    @Test
    void appliesProviderRulesToThreadItemsAndEveryEntry() {
        var mastodon = tenant.integration(
                "My Toots", "mastodon", "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"tok\"}");

        refused("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[{"value":"t","label":"T"}],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"short"},{"content":"%s"}]}]}
                """.formatted(webhook, "a".repeat(600), mastodon, "b".repeat(501)), 400, """
                {"statusCode":400,"provider":"mastodon","name":"My Toots",
                 "message":"The post is 501 characters long; at most 500 are allowed"}""");
    }

    @Test
    void refusesMoreImagesThanThePlatformTakes() {
        var mastodon = tenant.integration(
                "My Toots", "mastodon", "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"tok\"}");
        var image = "{\"id\":\"i\",\"path\":\"https://cdn.test/a.png\"}";

        refused("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"pics","image":[%s]}]}]}
                """.formatted(mastodon, String.join(",", Collections.nCopies(5, image))), 400, """
                {"statusCode":400,"provider":"mastodon","name":"My Toots",
                 "message":"The post has 5 images; at most 4 are allowed"}""");
    }

    @Test
    void draftsSkipProviderRules() {
        var mastodon = tenant.integration(
                "My Toots", "mastodon", "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"tok\"}");

        var response = tenant.post("/public/v1/posts", postTo(mastodon, "draft", "a".repeat(501)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void refusesADelayOverAYearAndADateBeyondTheYear9999() {
        refused("""
                {"type":"schedule","date":"+10000-01-01T00:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"a"},{"content":"b","delay":525601}]}]}
                """.formatted(webhook), 400, """
                {"statusCode":400,"message":["date must be a valid ISO 8601 date string",
                 "posts.0.value.1.delay must not be greater than 525600"],"error":"Bad Request"}""");
    }

    // --- helpers ---

    /** Sends the create and checks its exact answer, and that no row of the organization changed. */
    private void refused(String body, int status, String expected) {
        var before = rows.of(tenant);

        var response = tenant.post("/public/v1/posts", body);

        assertAnswer(response, status, expected);
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    private void refusedForIntegration(String id) {
        refused("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[{"value":"n","label":"New"}],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"fine"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"fine"}]}]}
                """.formatted(webhook, id), 400, """
                {"statusCode":400,"message":"Integration with id %s not found","error":"Bad Request"}""".formatted(id));
    }

    private String body(String type, String date, String content) {
        return """
                {"type":"%s","date":%s,"shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}
                """.formatted(type, date, webhook, content);
    }

    private static String postTo(String integration, String type, String content) {
        return """
                {"type":"%s","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}
                """.formatted(type, integration, content);
    }

    private String state(String postId) {
        return jdbc.sql("select state from posts where id = :id")
                .param("id", UUID.fromString(postId))
                .query(String.class)
                .single();
    }
}
