package io.herald.integrations.discord;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.Browser;
import io.herald.integrations.ChannelsTest;
import io.herald.integrations.FakePlatforms;
import io.herald.integrations.Publishing;
import io.herald.support.Forms;
import io.herald.support.HeraldClient;
import io.herald.support.MultipartBody;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Discord (spec §12) against the fake Discord: a server connected by adding Herald's bot through
 * Discord's authorization (the servers offered are those the person manages that the bot is in),
 * messages with attachments (multipart {@code payload_json} and {@code files[n]}) in the channel of
 * Postiz's {@code channel} setting and thread items as replies, only in the integration's own
 * server; a bot token of the integration's own; Discord's error bodies; its 429 and its
 * {@code X-RateLimit-*} headers; and the 2,000-character limit and the required channel at create.
 */
@ChannelsTest
class DiscordPublishingIntegrationTests {

    private static final FakeDiscord discord = FakePlatforms.DISCORD;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xfe, 2};

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        discord.reset();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @Test
    void connectingAddsHeraldsBotToTheServerWhichBecomesTheIntegration() {
        var started = tenant.client()
                .post(
                        "/admin/v1/organizations/" + tenant.id() + "/integrations/connect",
                        Tenant.ADMIN,
                        "{\"provider\":\"discord\"}");
        var url = started.json().path("url").asString();
        assertThat(url).startsWith(discord.url("/oauth2/authorize?"));
        var query = Forms.queryOf(url);
        assertThat(query.keySet())
                .containsExactly(
                        "client_id",
                        "response_type",
                        "redirect_uri",
                        "scope",
                        "permissions",
                        "integration_type",
                        "state");
        assertThat(query)
                .containsEntry("client_id", FakeDiscord.CLIENT_ID)
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/integrations/oauth/discord/callback")
                .containsEntry("scope", "bot guilds")
                .containsEntry("permissions", "117760")
                .containsEntry("integration_type", "0");

        var page = Browser.open(Browser.authorize(url));

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Discord account connected</h1>", "Herald Lab (@Herald) is connected.");
        assertThat(discord.botIn(FakeDiscord.LAB)).isTrue();
        assertThat(discord.grants()).hasSize(1);
        var id = tenant.get("/public/v1/integrations").json().get(0).path("id").asString();
        assertAnswer(tenant.get("/public/v1/integrations"), 200, """
                [{"id":"%s","name":"Herald Lab","identifier":"discord",
                  "picture":"https://cdn.discordapp.com/icons/1100000000000000001/a1b2c3d4.png",
                  "disabled":false,"profile":"Herald"}]""".formatted(id));
        var row = jdbc.sql("select account_id, config::text, token_expires_at from integrations where id = :id")
                .param("id", UUID.fromString(id))
                .query()
                .singleRow();
        assertThat(row.get("account_id")).isEqualTo(FakeDiscord.LAB.id());
        assertThat(row.get("config")).isEqualTo("{\"guildId\": \"1100000000000000001\"}");
        assertThat(row.get("token_expires_at"))
                .as("the person's token is never refreshed")
                .isNull();
    }

    @Test
    void theServersOfferedAreThoseThePersonManagesAndTheBotIsIn() {
        discord.botIsIn(FakeDiscord.SPARE);
        var url = tenant.client()
                .post(
                        "/admin/v1/organizations/" + tenant.id() + "/integrations/connect",
                        Tenant.ADMIN,
                        "{\"provider\":\"discord\"}")
                .json()
                .path("url")
                .asString();
        var callback = Browser.authorize(url);
        var page = Browser.open(callback);

        assertThat(page.body())
                .contains("Choose the Discord page to connect", ">Herald Lab (Herald)<", ">Spare Room (Herald)<")
                .doesNotContain("Other Server");
        var token = TOKEN.matcher(page.body());
        assertThat(token.find()).isTrue();
        var chosen =
                Browser.submit(callback, "choose", "token=" + token.group(1) + "&account=" + FakeDiscord.SPARE.id());
        assertThat(chosen.body()).contains("Spare Room (@Herald) is connected.");
        assertThat(tenant.get("/public/v1/integrations")
                        .json()
                        .get(0)
                        .path("picture")
                        .isNull())
                .isTrue();
    }

    @Test
    void aThreadOfTwoWithAnImageIsAMessageWithItsAttachmentAndAReplyToIt() throws Exception {
        var integration = Browser.connect(tenant, "discord");
        discord.forgetRequests();
        var image = discord.file("cat.png", "image/png", PNG);

        var postId = new Publishing(tenant, integration).now(settings(FakeDiscord.LAB_NEWS), """
                {"content":"<p>Release 1.2</p>","image":[{"id":"1","path":"%s","alt":"A cat"}]},
                {"content":"Changelog follows","delay":0}""".formatted(image));

        await().atMost(Duration.ofSeconds(30)).until(() -> discord.messages().size() == 2);
        var listed = posts().awaitStatus(postId, "published");
        var messages = discord.messages();
        var first = messages.get(0);
        assertThat(discord.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "GET /api/v10/channels/" + FakeDiscord.LAB_NEWS,
                        "GET /files/cat.png",
                        "POST /api/v10/channels/" + FakeDiscord.LAB_NEWS + "/messages",
                        "POST /api/v10/channels/" + FakeDiscord.LAB_NEWS + "/messages");
        assertThat(discord.received())
                .filteredOn(r -> r.path().startsWith("/api/"))
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bot " + FakeDiscord.BOT_TOKEN));
        var posted = discord.received("/api/v10/channels/" + FakeDiscord.LAB_NEWS + "/messages");
        var form = MultipartBody.parse(
                posted.get(0).header("Content-Type"), posted.get(0).body());
        assertThat(form.parts()).extracting(MultipartBody.Part::name).containsExactly("payload_json", "files[0]");
        JSONAssert.assertEquals("""
                {"content":"Release 1.2","attachments":[{"id":0,"filename":"cat.png","description":"A cat"}]}""", form.part("payload_json").text(), JSONCompareMode.STRICT);
        assertThat(form.part("files[0]").fileName()).isEqualTo("cat.png");
        assertThat(form.part("files[0]").headers()).containsEntry("Content-Type", "image/png");
        assertThat(first.attachments().get(0).bytes()).isEqualTo(PNG);
        assertThat(posted.get(1).header("Content-Type")).startsWith("application/json");
        JSONAssert.assertEquals(
                """
                {"content":"Changelog follows",
                 "message_reference":{"message_id":"%s","channel_id":"%s","fail_if_not_exists":true}}""".formatted(first.id(), FakeDiscord.LAB_NEWS), posted.get(1).bodyText(), JSONCompareMode.STRICT);
        assertThat(messages.get(1).replyTo()).isEqualTo(first.id());
        assertThat(listed.path("releaseId").asString()).isEqualTo(first.id());
        assertThat(listed.path("releaseURL").asString())
                .isEqualTo("https://discord.com/channels/" + FakeDiscord.LAB.id() + "/" + FakeDiscord.LAB_NEWS + "/"
                        + first.id());
        assertThat(new Rows(jdbc).publishedThreadItem(postId).releaseId())
                .isEqualTo(messages.get(1).id());
    }

    @Test
    void aChannelOfAnotherServerIsRefusedAndNothingIsSent() {
        var integration = Browser.connect(tenant, "discord");

        var postId = new Publishing(tenant, integration)
                .now(settings(FakeDiscord.OTHER_GENERAL), "{\"content\":\"Not yours\"}");

        assertThat(posts().awaitStatus(postId, "failed").path("error").asString())
                .isEqualTo("Channel 1200000000000000003 is not in the Discord server this integration posts to;"
                        + " the message was not sent");
        assertThat(discord.received("/api/v10/channels/" + FakeDiscord.OTHER_GENERAL + "/messages"))
                .isEmpty();
        assertThat(discord.messages()).isEmpty();
    }

    @Test
    void anIntegrationMayBringABotOfItsOwn() {
        var integration = tenant.integration("Own", "discord", "{\"botToken\":\"" + FakeDiscord.OWN_BOT_TOKEN + "\"}");

        var postId =
                new Publishing(tenant, integration).now(settings(FakeDiscord.LAB_GENERAL), "{\"content\":\"By hand\"}");

        posts().awaitStatus(postId, "published");
        assertThat(discord.received())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bot " + FakeDiscord.OWN_BOT_TOKEN));
        assertThat(discord.messages().get(0).bot()).isEqualTo(FakeDiscord.OWN_BOT_TOKEN);
        assertAnswer(tenant.get("/public/v1/integrations"), 200, """
                [{"id":"%s","name":"Own","identifier":"discord","picture":"https://pics.test/Own.png",
                  "disabled":false,"profile":"own"}]""".formatted(integration));
    }

    @Test
    void discordsRefusalReachesThePostsErrorInDiscordsWords() {
        var integration = Browser.connect(tenant, "discord");
        discord.refuseNextMessage(403, "{\"message\":\"Missing Permissions\",\"code\":50013}");

        var refused =
                new Publishing(tenant, integration).now(settings(FakeDiscord.LAB_GENERAL), "{\"content\":\"Locked\"}");
        var unknown =
                new Publishing(tenant, integration).now(settings("1299999999999999999"), "{\"content\":\"Gone\"}");

        assertThat(posts().awaitStatus(refused, "failed").path("error").asString())
                .isEqualTo("Discord refused it (HTTP 403): Missing Permissions");
        assertThat(posts().awaitStatus(unknown, "failed").path("error").asString())
                .isEqualTo("Discord refused it (HTTP 404): Unknown Channel");
        discord.refuseNextMessage(400, """
                {"code":50035,"message":"Invalid Form Body",
                 "errors":{"content":{"_errors":[{"code":"BASE_TYPE_BAD","message":"Not allowed here."}]}}}""");
        var invalid =
                new Publishing(tenant, integration).now(settings(FakeDiscord.LAB_GENERAL), "{\"content\":\"Odd\"}");
        assertThat(posts().awaitStatus(invalid, "failed").path("error").asString())
                .isEqualTo("Discord refused it (HTTP 400): Invalid Form Body (content: Not allowed here.)");
        assertThat(discord.messages()).isEmpty();
    }

    @Test
    void aRateLimitDelaysThePostByRetryAfterAndItIsThenSentOnce() {
        var integration = Browser.connect(tenant, "discord");
        discord.forgetRequests();
        discord.rateLimit(2.5);

        var postId = new Publishing(tenant, integration)
                .now(settings(FakeDiscord.LAB_GENERAL), "{\"content\":\"Patience\"}");

        var path = "/api/v10/channels/" + FakeDiscord.LAB_GENERAL + "/messages";
        await().atMost(Duration.ofSeconds(20))
                .until(() -> discord.received(path).size() == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> posts().listed(postId).path("status").asString().equals("scheduled"));
        assertThat(posts().listed(postId).path("error").isNull()).isTrue();

        var published = posts().awaitStatus(postId, "published");

        var attempts = discord.received(path);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).at() - attempts.get(0).at()).isGreaterThanOrEqualTo(2500);
        assertThat(attempts.get(1).bodyText()).isEqualTo(attempts.get(0).bodyText());
        assertThat(discord.messages()).hasSize(1);
        assertThat(published.path("releaseId").asString())
                .isEqualTo(discord.messages().get(0).id());
    }

    @Test
    void aChannelWhoseBucketIsEmptyGetsItsNextMessageOnlyAfterTheReset() {
        var integration = Browser.connect(tenant, "discord");
        discord.forgetRequests();
        discord.buckets(1, 2);

        var postId = new Publishing(tenant, integration)
                .now(settings(FakeDiscord.LAB_GENERAL), "{\"content\":\"One\"},{\"content\":\"Two\",\"delay\":0}");

        await().atMost(Duration.ofSeconds(30)).until(() -> discord.messages().size() == 2);
        assertThat(new Rows(jdbc).publishedThreadItem(postId).state()).isEqualTo("PUBLISHED");
        var sent = discord.received("/api/v10/channels/" + FakeDiscord.LAB_GENERAL + "/messages");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).at() - sent.get(0).at()).isGreaterThanOrEqualTo(2000);
        assertThat(discord.rateLimited())
                .as("Herald waited instead of running into a 429")
                .isZero();
    }

    @Test
    void refusesLongMessagesAndPostsWithoutAChannelWhenTheyAreCreatedAndStoresNothing() {
        var integration = tenant.integration("Own", "discord", "{\"botToken\":\"" + FakeDiscord.OWN_BOT_TOKEN + "\"}");
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);

        assertAnswer(create(integration, "a".repeat(2000) + "😀", settings(FakeDiscord.LAB_GENERAL)), 400, """
                {"statusCode":400,"provider":"discord","name":"Own",
                 "message":"The post is 2001 characters long; at most 2000 are allowed"}""");
        assertAnswer(create(integration, "hi", "{\"__type\":\"discord\"}"), 400, """
                {"statusCode":400,"provider":"discord","name":"Own",
                 "message":"settings.channel must be the id of the Discord channel to post in"}""");
        assertAnswer(create(integration, "hi", "{\"__type\":\"discord\",\"channel\":\"general\"}"), 400, """
                {"statusCode":400,"provider":"discord","name":"Own",
                 "message":"settings.channel must be the id of the Discord channel to post in"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(create(integration, "a".repeat(1999) + "😀", settings(FakeDiscord.LAB_GENERAL))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aConfigWithoutABotOrAServerIsRefused() {
        var response = tenant.client()
                .post(
                        "/admin/v1/organizations/" + tenant.id() + "/integrations",
                        Tenant.ADMIN,
                        "{\"name\":\"Nothing\",\"identifier\":\"discord\",\"config\":{\"botToken\":\"not a token\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body())
                .contains("config.botToken must be a bot token as Discord's Developer Portal shows it")
                .doesNotContain("not a token");
    }

    private static String settings(String channel) {
        return "{\"__type\":\"discord\",\"channel\":\"" + channel + "\"}";
    }

    private HeraldClient.Response create(String integration, String text, String settings) {
        return tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":%s,"value":[{"content":"%s"}]}]}""".formatted(integration, settings, text));
    }

    /** The tenant's posts, as the API lists them. */
    private Publishing posts() {
        return new Publishing(tenant, null);
    }
}
