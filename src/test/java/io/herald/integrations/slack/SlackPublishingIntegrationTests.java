package io.herald.integrations.slack;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.Browser;
import io.herald.integrations.ChannelsTest;
import io.herald.integrations.FakePlatforms;
import io.herald.integrations.Publishing;
import io.herald.support.Forms;
import io.herald.support.HeraldClient;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Slack (spec §12) against the fake Slack: a workspace connected through OAuth v2; text with
 * {@code chat.postMessage}, images through the upload flow (upload URL, bytes, then
 * {@code files.completeUploadExternal} with the text as {@code initial_comment}), the message's ts
 * found in the file's shares; thread items in the first message's thread ({@code thread_ts});
 * joining a public channel; Slack's {@code ok:false} answers (HTTP 200) failing the post in its
 * words; its 429 delaying it; and the channel setting and limits at create.
 */
@ChannelsTest
class SlackPublishingIntegrationTests {

    private static final FakeSlack slack = FakePlatforms.SLACK;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 5, (byte) 0xfd, 3};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        slack.reset();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @Test
    void connectingInstallsTheAppsBotAndTheWorkspaceBecomesTheIntegration() {
        var url = startConnecting();
        assertThat(url).startsWith(slack.url("/oauth/v2/authorize?"));
        var query = Forms.queryOf(url);
        assertThat(query.keySet()).containsExactly("client_id", "scope", "redirect_uri", "state");
        assertThat(query)
                .containsEntry("client_id", FakeSlack.CLIENT_ID)
                .containsEntry("scope", "chat:write,files:write,files:read,channels:join,users:read")
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/integrations/oauth/slack/callback");

        var page = Browser.open(Browser.authorize(url));

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Slack account connected</h1>", "Herald Lab (@herald) is connected.");
        var grant = slack.grants().get(0);
        assertThat(grant.keySet()).containsExactlyInAnyOrder("code", "redirect_uri", "client_id", "client_secret");
        assertThat(grant).containsEntry("redirect_uri", query.get("redirect_uri"));
        var id = tenant.get("/public/v1/integrations").json().get(0).path("id").asString();
        assertAnswer(tenant.get("/public/v1/integrations"), 200, """
                [{"id":"%s","name":"Herald Lab","identifier":"slack",
                  "picture":"https://avatars.slack-edge.test/herald_192.png","disabled":false,"profile":"herald"}]""".formatted(id));
        assertThat(jdbc.sql("select account_id from integrations where id = cast(:id as uuid)")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo(FakeSlack.TEAM);
    }

    @Test
    void aCodeSlackRefusesWithOkFalseEndsOnAPageThatSaysSoAndConnectsNothing() {
        var url = startConnecting();
        var state = Forms.queryOf(url).get("state");

        var page = Browser.open(
                "http://127.0.0.1:" + port + "/integrations/oauth/slack/callback?code=made-up&state=" + state);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Slack refused the grant: invalid_code. Nothing was changed.");
        assertAnswer(tenant.get("/public/v1/integrations"), 200, "[]");
    }

    @Test
    void aThreadOfTwoWithAnImageIsOneMessageWithItsFileAndAReplyInItsThread() throws Exception {
        var integration = Browser.connect(tenant, "slack");
        var token = slack.issuedTokens().stream()
                .filter(t -> !t.equals(FakeSlack.BOT_TOKEN))
                .findFirst()
                .orElseThrow();
        slack.forgetRequests();
        var image = slack.file("cat.png", "image/png", PNG);

        var postId = new Publishing(tenant, integration).now(settings(FakeSlack.GENERAL), """
                {"content":"<p>Release 1.2 &amp; more</p>","image":[{"id":"1","path":"%s","alt":"A cat"}]},
                {"content":"Changelog &lt;follows&gt;","delay":0}""".formatted(image));

        await().atMost(Duration.ofSeconds(30)).until(() -> slack.messages().size() == 2);
        var listed = posts().awaitStatus(postId, "published");
        var reply = new Rows(jdbc).publishedThreadItem(postId);
        var messages = slack.messages();
        var root = messages.get(0);
        var fileId = root.files().get(0).id();
        assertThat(slack.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "GET /files/cat.png",
                        "POST /api/files.getUploadURLExternal",
                        "POST /upload/v1/" + fileId,
                        "POST /api/files.completeUploadExternal",
                        "GET /api/files.info",
                        "GET /api/files.info",
                        "GET /api/files.info",
                        "GET /api/chat.getPermalink",
                        "POST /api/chat.postMessage",
                        "GET /api/chat.getPermalink");
        assertThat(slack.received())
                .filteredOn(r -> r.path().startsWith("/api/"))
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + token));
        assertThat(slack.received().get(2).header("Authorization"))
                .as("the upload URL gets the bytes, not the token")
                .isNull();
        assertThat(Forms.decode(slack.calls("files.getUploadURLExternal").get(0).bodyText()))
                .containsExactly(
                        java.util.Map.entry("filename", "cat.png"),
                        java.util.Map.entry("length", "11"),
                        java.util.Map.entry("alt_txt", "A cat"));
        assertThat(slack.received().get(2).body()).isEqualTo(PNG);
        JSONAssert.assertEquals(
                """
                {"files":[{"id":"%s","title":"cat.png"}],"channel_id":"C0GENERAL1",
                 "initial_comment":"Release 1.2 &amp; more"}""".formatted(fileId),
                slack.calls("files.completeUploadExternal").get(0).bodyText(),
                JSONCompareMode.STRICT);
        assertThat(slack.calls("files.info"))
                .allSatisfy(r -> assertThat(r.query()).isEqualTo("file=" + fileId));
        JSONAssert.assertEquals(
                """
                {"channel":"C0GENERAL1","text":"Changelog &lt;follows&gt;","thread_ts":"%s"}""".formatted(root.ts()), slack.calls("chat.postMessage").get(0).bodyText(), JSONCompareMode.STRICT);
        assertThat(root.text()).isEqualTo("Release 1.2 &amp; more");
        assertThat(root.files().get(0).bytes()).isEqualTo(PNG);
        assertThat(messages.get(1).threadTs()).isEqualTo(root.ts());
        assertThat(listed.path("releaseId").asString()).isEqualTo(root.ts());
        assertThat(listed.path("releaseURL").asString())
                .isEqualTo("https://heraldlab.slack.com/archives/C0GENERAL1/p"
                        + root.ts().replace(".", ""));
        assertThat(reply.releaseId()).isEqualTo(messages.get(1).ts());
        assertThat(reply.releaseUrl())
                .isEqualTo("https://heraldlab.slack.com/archives/C0GENERAL1/p"
                        + messages.get(1).ts().replace(".", "") + "?thread_ts=" + root.ts() + "&cid=C0GENERAL1");
    }

    @Test
    void aThreadItemsImagesAreSharedInTheThreadOfTheFirstMessage() throws Exception {
        var integration = byHand();
        var image = slack.file("chart.png", "image/png", PNG);

        var postId = new Publishing(tenant, integration).now(settings(FakeSlack.GENERAL), """
                {"content":"Numbers"},{"content":"","image":[{"id":"1","path":"%s"}],"delay":0}""".formatted(image));

        var reply = new Rows(jdbc).publishedThreadItem(postId);
        var messages = slack.messages();
        var root = messages.get(0);
        JSONAssert.assertEquals(
                """
                {"files":[{"id":"%s","title":"chart.png"}],"channel_id":"C0GENERAL1","thread_ts":"%s"}""".formatted(messages.get(1).files().get(0).id(), root.ts()),
                slack.calls("files.completeUploadExternal").get(0).bodyText(),
                JSONCompareMode.STRICT);
        assertThat(messages.get(1).threadTs()).isEqualTo(root.ts());
        assertThat(reply.releaseId()).isEqualTo(messages.get(1).ts());
        assertThat(slack.received())
                .filteredOn(r -> r.path().startsWith("/api/"))
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + FakeSlack.BOT_TOKEN));
    }

    @Test
    void theBotJoinsAPublicChannelItIsNotInAndPostsOnce() {
        var integration = byHand();

        var postId =
                new Publishing(tenant, integration).now(settings(FakeSlack.RANDOM), "{\"content\":\"Hello random\"}");

        posts().awaitStatus(postId, "published");
        assertThat(slack.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "POST /api/chat.postMessage",
                        "POST /api/conversations.join",
                        "POST /api/chat.postMessage",
                        "GET /api/chat.getPermalink");
        assertThat(slack.calls("conversations.join").get(0).bodyText()).isEqualTo("{\"channel\":\"C0RANDOM02\"}");
        assertThat(slack.messages()).hasSize(1);
    }

    @Test
    void slacksOkFalseAnswersFailThePostInSlacksWords() {
        var integration = byHand();
        slack.refuseNext("files.getUploadURLExternal", "file_uploads_disabled");
        var image = slack.file("cat.png", "image/png", PNG);

        var unknown = new Publishing(tenant, integration).now(settings("C0NOWHERE9"), "{\"content\":\"Anyone?\"}");
        var closed =
                new Publishing(tenant, integration).now(settings(FakeSlack.PRIVATE), "{\"content\":\"Let me in\"}");
        var noFiles = new Publishing(tenant, integration).now(settings(FakeSlack.GENERAL), """
                {"content":"A cat","image":[{"id":"1","path":"%s"}]}""".formatted(image));

        assertThat(posts().awaitStatus(unknown, "failed").path("error").asString())
                .isEqualTo("Slack refused it: channel_not_found (the channel does not exist, or the app cannot see it:"
                        + " invite the app to a private channel)");
        assertThat(posts().awaitStatus(closed, "failed").path("error").asString())
                .isEqualTo("Slack refused it: not_in_channel (the app is not in the channel: invite it)");
        assertThat(posts().awaitStatus(noFiles, "failed").path("error").asString())
                .isEqualTo("Slack refused it: file_uploads_disabled (the workspace does not allow file uploads)");
        assertThat(slack.messages()).isEmpty();
        assertThat(slack.calls("files.completeUploadExternal")).isEmpty();
    }

    @Test
    void aRateLimitDelaysThePostByRetryAfterAndItIsThenPostedOnce() {
        var integration = byHand();
        slack.rateLimit(3L);

        var postId = new Publishing(tenant, integration).now(settings(FakeSlack.GENERAL), "{\"content\":\"Patience\"}");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> slack.calls("chat.postMessage").size() == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> posts().listed(postId).path("status").asString().equals("scheduled"));
        assertThat(posts().listed(postId).path("error").isNull()).isTrue();

        var published = posts().awaitStatus(postId, "published");

        var attempts = slack.calls("chat.postMessage");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).at() - attempts.get(0).at()).isGreaterThanOrEqualTo(3000);
        assertThat(attempts.get(1).bodyText()).isEqualTo(attempts.get(0).bodyText());
        assertThat(slack.messages()).hasSize(1);
        assertThat(published.path("releaseId").asString())
                .isEqualTo(slack.messages().get(0).ts());
    }

    @Test
    void refusesPostsWithoutAChannelIdAndTooManyFilesWhenTheyAreCreatedAndStoresNothing() {
        var integration = byHand();
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);
        var eleven = new StringBuilder("[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(i)
                    .append("\",\"path\":\"https://cdn.test/")
                    .append(i)
                    .append(".png\"}");
        }

        assertAnswer(create(integration, "{\"content\":\"hi\"}", "{\"__type\":\"slack\"}"), 400, """
                {"statusCode":400,"provider":"slack","name":"Own",
                 "message":"settings.channel must be the id of the Slack channel to post in (like C0123456789)"}""");
        assertAnswer(create(integration, "{\"content\":\"hi\"}", settings("#general")), 400, """
                {"statusCode":400,"provider":"slack","name":"Own",
                 "message":"settings.channel must be the id of the Slack channel to post in (like C0123456789)"}""");
        assertAnswer(
                create(integration, "{\"content\":\"hi\",\"image\":" + eleven + "]}", settings(FakeSlack.GENERAL)),
                400,
                """
                {"statusCode":400,"provider":"slack","name":"Own",
                 "message":"The post has 11 images; at most 10 are allowed"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(create(integration, "{\"content\":\"hi\"}", settings(FakeSlack.GENERAL))
                        .status())
                .isEqualTo(201);
    }

    private String startConnecting() {
        return tenant.client()
                .post(
                        "/admin/v1/organizations/" + tenant.id() + "/integrations/connect",
                        Tenant.ADMIN,
                        "{\"provider\":\"slack\"}")
                .json()
                .path("url")
                .asString();
    }

    private String byHand() {
        return tenant.integration("Own", "slack", "{\"botToken\":\"" + FakeSlack.BOT_TOKEN + "\"}");
    }

    private static String settings(String channel) {
        return "{\"__type\":\"slack\",\"channel\":\"" + channel + "\"}";
    }

    private HeraldClient.Response create(String integration, String value, String settings) {
        return tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":%s,"value":[%s]}]}""".formatted(integration, settings, value));
    }

    /** The tenant's posts, as the API lists them. */
    private Publishing posts() {
        return new Publishing(tenant, null);
    }
}
