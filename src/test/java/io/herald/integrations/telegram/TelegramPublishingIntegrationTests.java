package io.herald.integrations.telegram;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.ChannelsTest;
import io.herald.integrations.FakePlatforms;
import io.herald.integrations.Publishing;
import io.herald.support.HeraldClient;
import io.herald.support.MultipartBody;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Publishing to Telegram (spec §12) against the fake Bot API: a thread as replies
 * ({@code reply_parameters}) to a photo and to an album, the media's bytes uploaded; Telegram's
 * error bodies in {@code error}; its 429 delaying the post; the 4,096 and 1,024 (caption) limits at
 * create; and the bot's token, which is in every method's URL, never in an error, answer or log line.
 */
@ChannelsTest
@ExtendWith(OutputCaptureExtension.class)
class TelegramPublishingIntegrationTests {

    private static final FakeTelegram telegram = FakePlatforms.TELEGRAM;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, 1};

    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 4, 5, 6};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    String integration;

    @BeforeEach
    void setUp() {
        telegram.reset();
        tenant = Tenant.create(new HeraldClient(port));
        integration = integration("News", FakeTelegram.CHANNEL.id());
    }

    @Test
    void aThreadOfTwoWithAnImageIsAPhotoWithItsCaptionAndAReplyToIt() throws Exception {
        var image = telegram.file("cat.png", "image/png", PNG);
        var postId = new Publishing(tenant, integration).now("""
                {"content":"<p>Release <strong>1.2</strong> is out</p>","image":[{"id":"1","path":"%s","alt":"A cat"}]},
                {"content":"Changelog: https://herald.test/changes","delay":0}""".formatted(image));

        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.messages().size() == 2);
        var listed = posts().awaitStatus(postId, "published");

        assertThat(telegram.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "GET /files/cat.png",
                        "POST /bot" + FakeTelegram.TOKEN + "/sendPhoto",
                        "POST /bot" + FakeTelegram.TOKEN + "/sendMessage");
        var photo = telegram.calls("sendPhoto").get(0);
        var form = MultipartBody.parse(photo.header("Content-Type"), photo.body());
        assertThat(form.parts()).extracting(MultipartBody.Part::name).containsExactly("chat_id", "caption", "photo");
        assertThat(form.part("chat_id").text()).isEqualTo(FakeTelegram.CHANNEL.id());
        assertThat(form.part("caption").text()).isEqualTo("Release 1.2 is out");
        assertThat(form.part("photo").fileName()).isEqualTo("cat.png");
        assertThat(form.part("photo").headers()).containsEntry("Content-Type", "image/png");
        assertThat(form.part("photo").content()).isEqualTo(PNG);
        var reply = telegram.calls("sendMessage").get(0);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JSONAssert.assertEquals("""
                {"chat_id":"%s","text":"Changelog: https://herald.test/changes","reply_parameters":{"message_id":1}}""".formatted(FakeTelegram.CHANNEL.id()), reply.bodyText(), JSONCompareMode.STRICT);
        var messages = telegram.messages();
        assertThat(messages.get(0).kind()).isEqualTo("photo");
        assertThat(messages.get(1).replyTo()).isEqualTo(1L);
        assertThat(listed.path("releaseId").asString()).isEqualTo("1");
        assertThat(listed.path("releaseURL").asString()).isEqualTo("https://t.me/heraldnews/1");
        assertThat(new Rows(jdbc).publishedThreadItem(postId).releaseUrl()).isEqualTo("https://t.me/heraldnews/2");
    }

    @Test
    void severalImagesAreOneAlbumWithTheCaptionOnTheFirstAndAReplyMayBeAnAlbumToo() throws Exception {
        var group = integration("Team", FakeTelegram.GROUP.id());
        var cat = telegram.file("cat.png", "image/png", PNG);
        var dog = telegram.file("dog.jpg", "image/jpeg", JPEG);
        var postId = new Publishing(tenant, group).now("""
                {"content":"Two pets","image":[{"id":"1","path":"%s"},{"id":"2","path":"%s"}]},
                {"content":"","image":[{"id":"3","path":"%s"},{"id":"4","path":"%s"}],"delay":0}""".formatted(cat, dog, dog, cat));

        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.messages().size() == 4);
        var listed = posts().awaitStatus(postId, "published");

        var albums = telegram.calls("sendMediaGroup");
        assertThat(albums).hasSize(2);
        var first = MultipartBody.parse(
                albums.get(0).header("Content-Type"), albums.get(0).body());
        assertThat(first.parts())
                .extracting(MultipartBody.Part::name)
                .containsExactly("chat_id", "media", "media0", "media1");
        JSONAssert.assertEquals("""
                [{"type":"photo","media":"attach://media0","caption":"Two pets"},{"type":"photo","media":"attach://media1"}]""", first.part("media").text(), JSONCompareMode.STRICT);
        assertThat(first.part("media0").content()).isEqualTo(PNG);
        assertThat(first.part("media1").content()).isEqualTo(JPEG);
        var second = MultipartBody.parse(
                albums.get(1).header("Content-Type"), albums.get(1).body());
        assertThat(second.parts())
                .extracting(MultipartBody.Part::name)
                .containsExactly("chat_id", "media", "reply_parameters", "media0", "media1");
        JSONAssert.assertEquals(
                "[{\"type\":\"photo\",\"media\":\"attach://media0\"},{\"type\":\"photo\",\"media\":\"attach://media1\"}]",
                second.part("media").text(),
                JSONCompareMode.STRICT);
        assertThat(second.part("reply_parameters").text()).isEqualTo("{\"message_id\":1}");
        // a private supergroup's links use its id without the Bot API's -100
        assertThat(listed.path("releaseURL").asString()).isEqualTo("https://t.me/c/2223334445/1");
        assertThat(new Rows(jdbc).publishedThreadItem(postId).releaseId()).isEqualTo("3");
    }

    @Test
    void telegramsRefusalReachesThePostsErrorInTelegramsWords() {
        var nowhere = integration("Nowhere", "-1000000000001");
        var moved = integration("Old group", FakeTelegram.OLD_GROUP);

        var lost = new Publishing(tenant, nowhere).now("{\"content\":\"Hello?\"}");
        var upgraded = new Publishing(tenant, moved).now("{\"content\":\"Hello again\"}");

        assertThat(posts().awaitStatus(lost, "failed").path("error").asString())
                .isEqualTo("Telegram refused it (HTTP 400): Bad Request: chat not found");
        assertThat(posts().awaitStatus(upgraded, "failed").path("error").asString())
                .isEqualTo("Telegram refused it (HTTP 400): Bad Request: group chat was upgraded to a supergroup"
                        + " chat (the group is a supergroup now: set config.chatId to -1002223334445)");
        assertThat(telegram.calls("sendMessage")).hasSize(2);
        assertThat(telegram.messages()).isEmpty();
    }

    @Test
    void aRateLimitDelaysThePostByWhatTelegramAsksAndItIsThenSentOnce() {
        telegram.rateLimit(3);
        var postId = new Publishing(tenant, integration).now("{\"content\":\"Patience\"}");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> telegram.calls("sendMessage").size() == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> posts().listed(postId).path("status").asString().equals("scheduled"));
        var waiting = posts().listed(postId);
        assertThat(waiting.path("state").asString()).isEqualTo("QUEUE");
        assertThat(waiting.path("error").isNull()).isTrue();

        var published = posts().awaitStatus(postId, "published");

        var attempts = telegram.calls("sendMessage");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).at() - attempts.get(0).at()).isGreaterThanOrEqualTo(3000);
        assertThat(attempts.get(1).bodyText()).isEqualTo(attempts.get(0).bodyText());
        assertThat(telegram.messages()).hasSize(1);
        assertThat(published.path("releaseId").asString()).isEqualTo("1");
    }

    @Test
    void theBotsTokenIsInNoErrorAnswerOrLogLine(CapturedOutput output) {
        telegram.dropSends();
        var postId = new Publishing(tenant, integration).now("{\"content\":\"Lost in transit\"}");

        var failed = posts().awaitStatus(postId, "failed");

        assertThat(failed.path("error").asString()).startsWith("the connection to Telegram failed (");
        assertThat(failed.path("error").asString()).endsWith("); the outcome is unknown");
        assertThat(telegram.calls("sendMessage"))
                .as("a message is never sent twice")
                .hasSize(1);
        var secret = FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1);
        assertThat(tenant.get("/public/v1/integrations").body()).doesNotContain(secret);
        assertThat(jdbc.sql("select config::text from integrations where id = cast(:id as uuid)")
                        .param("id", integration)
                        .query(String.class)
                        .single())
                .isEqualTo("{\"chatId\": \"" + FakeTelegram.CHANNEL.id() + "\"}");
        // a token that could break a URL is refused without being echoed
        var odd = tenant.client()
                .post(
                        "/admin/v1/organizations/" + tenant.id() + "/integrations",
                        Tenant.ADMIN,
                        "{\"name\":\"Odd\",\"identifier\":\"telegram\",\"config\":{\"botToken\":\"123:abc/../x?leak\","
                                + "\"chatId\":\"@heraldnews\"}}");
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.body())
                .contains("config.botToken must be a bot token as BotFather gives it (<bot id>:<secret>)")
                .doesNotContain("abc/../x?leak");
        assertThat(output.getAll()).contains(postId).doesNotContain(secret).doesNotContain("abc/../x?leak");
    }

    @Test
    void refusesTextsAndCaptionsLongerThanTelegramTakesWhenThePostIsCreatedAndStoresNothing() {
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);
        var image = "[{\"id\":\"1\",\"path\":\"https://cdn.test/a.png\"}]";

        assertAnswer(create("[{\"content\":\"" + "a".repeat(4095) + "😀\"}]"), 400, """
                {"statusCode":400,"provider":"telegram","name":"News",
                 "message":"The post is 4097 characters long; at most 4096 are allowed (Telegram counts an emoji as 2)"}""");
        assertAnswer(create("[{\"content\":\"" + "a".repeat(1025) + "\",\"image\":" + image + "}]"), 400, """
                {"statusCode":400,"provider":"telegram","name":"News",
                 "message":"The post has media, so its text is their caption: it is 1025 characters long; at most 1024 are allowed (Telegram counts an emoji as 2)"}""");
        var eleven = new StringBuilder("[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(i)
                    .append("\",\"path\":\"https://cdn.test/")
                    .append(i)
                    .append(".png\"}");
        }
        assertAnswer(create("[{\"content\":\"hi\",\"image\":" + eleven + "]}]"), 400, """
                {"statusCode":400,"provider":"telegram","name":"News",
                 "message":"The post has 11 images; at most 10 are allowed"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);

        assertThat(create("[{\"content\":\"" + "a".repeat(4096) + "\"}]").status())
                .isEqualTo(201);
        assertThat(create("[{\"content\":\"" + "a".repeat(1024) + "\",\"image\":" + image + "}]")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void theIntegrationListShowsTheChatsPictureAndProfile() {
        assertAnswer(tenant.get("/public/v1/integrations"), 200, """
                [{"id":"%s","name":"News","identifier":"telegram","picture":"https://pics.test/News.png",
                  "disabled":false,"profile":"news"}]""".formatted(integration));
    }

    private String integration(String name, String chatId) {
        return tenant.integration(
                name, "telegram", "{\"botToken\":\"" + FakeTelegram.TOKEN + "\",\"chatId\":\"" + chatId + "\"}");
    }

    private HeraldClient.Response create(String values) {
        return tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":{"__type":"telegram"},"value":%s}]}""".formatted(integration, values));
    }

    /** The tenant's posts, as the API lists them. */
    private Publishing posts() {
        return new Publishing(tenant, null);
    }
}
