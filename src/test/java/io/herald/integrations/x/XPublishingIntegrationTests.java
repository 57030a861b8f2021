package io.herald.integrations.x;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.Browser;
import io.herald.integrations.ChannelsTest;
import io.herald.integrations.FakePlatforms;
import io.herald.support.HeraldClient;
import io.herald.support.MultipartBody;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Publishing to X (spec §12) against the fake X: threads as chained replies after the chunked
 * media upload, a video and its processing, {@code who_can_reply_post}, X's error bodies, the 429
 * that delays a post, and X's weighted length checked when the post is created.
 */
@ChannelsTest
class XPublishingIntegrationTests {

    private static final FakeX x = FakePlatforms.X;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 4, 5, 6};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    String integration;

    @BeforeEach
    void setUp() {
        x.reset();
        tenant = Tenant.create(new HeraldClient(port));
        integration = Browser.connect(tenant, "x");
        x.forgetRequests(); // the connection's own requests are not what these tests look at
    }

    @Test
    void postsAThreadOfThreeWithTwoImagesAsChainedRepliesAfterTheMediaSequence() throws Exception {
        var cat = x.file("cat.png", "image/png", PNG);
        var dog = x.file("dog.jpg", "image/jpeg", JPEG);
        var postId = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":{"__type":"x","who_can_reply_post":"following"},
                           "value":[{"content":"<p>Launch day</p>","image":[{"id":"1","path":"%s","alt":"A cat"},
                                                                              {"id":"2","path":"%s"}]},
                                    {"content":"Second","delay":0},{"content":"Third","delay":0}]}]}
                """.formatted(integration, cat, dog))
                .get(0)
                .path("postId")
                .asString();

        await().atMost(Duration.ofSeconds(30)).until(() -> x.tweets().size() == 3);
        var listed = awaitStatus(postId, "published");

        var tweets = x.tweets();
        var media = tweets.get(0).path("media").path("media_ids");
        assertThat(x.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "GET /files/cat.png",
                        "POST /2/media/upload/initialize",
                        "POST /2/media/upload/" + media.get(0).asString() + "/append",
                        "POST /2/media/upload/" + media.get(0).asString() + "/finalize",
                        "POST /2/media/metadata",
                        "GET /files/dog.jpg",
                        "POST /2/media/upload/initialize",
                        "POST /2/media/upload/" + media.get(1).asString() + "/append",
                        "POST /2/media/upload/" + media.get(1).asString() + "/finalize",
                        "POST /2/tweets",
                        "POST /2/tweets",
                        "POST /2/tweets");
        var token = x.lastAccessToken();
        assertThat(x.received().stream().filter(r -> r.path().startsWith("/2/")))
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + token));
        var initialize = x.received("/2/media/upload/initialize");
        JSONAssert.assertEquals(
                "{\"media_type\":\"image/png\",\"total_bytes\":11,\"media_category\":\"tweet_image\"}",
                initialize.get(0).bodyText(),
                JSONCompareMode.STRICT);
        JSONAssert.assertEquals(
                "{\"media_type\":\"image/jpeg\",\"total_bytes\":7,\"media_category\":\"tweet_image\"}",
                initialize.get(1).bodyText(),
                JSONCompareMode.STRICT);
        var append = x.received("/2/media/upload/" + media.get(0).asString() + "/append")
                .get(0);
        var form = MultipartBody.parse(append.header("Content-Type"), append.body());
        assertThat(form.part("segment_index").text()).isEqualTo("0");
        assertThat(form.part("media").content()).isEqualTo(PNG);
        assertThat(x.media(media.get(0).asString()).bytes()).isEqualTo(PNG);
        assertThat(x.media(media.get(0).asString()).alt()).isEqualTo("A cat");
        assertThat(x.media(media.get(1).asString()).bytes()).isEqualTo(JPEG);
        var requests = x.received("/2/tweets");
        JSONAssert.assertEquals(
                "{\"text\":\"Launch day\",\"media\":{\"media_ids\":[\"%s\",\"%s\"]},\"reply_settings\":\"following\"}"
                        .formatted(media.get(0).asString(), media.get(1).asString()),
                requests.get(0).bodyText(),
                JSONCompareMode.STRICT);
        JSONAssert.assertEquals(
                "{\"text\":\"Second\",\"reply\":{\"in_reply_to_tweet_id\":\"%s\"}}"
                        .formatted(tweets.get(0).path("id").asString()),
                requests.get(1).bodyText(),
                JSONCompareMode.STRICT);
        JSONAssert.assertEquals(
                "{\"text\":\"Third\",\"reply\":{\"in_reply_to_tweet_id\":\"%s\"}}"
                        .formatted(tweets.get(1).path("id").asString()),
                requests.get(2).bodyText(),
                JSONCompareMode.STRICT);
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(tweets.get(0).path("id").asString());
        assertThat(listed.path("releaseURL").asString())
                .isEqualTo("https://x.com/heraldtest/status/"
                        + tweets.get(0).path("id").asString());
    }

    @Test
    void aVideoIsUploadedInSegmentsAndPostedOnceXHasProcessedIt() {
        var video = new byte[XPublisher.CHUNK_BYTES + 300_000];
        new Random(7).nextBytes(video);
        var path = x.file("clip.mp4", "video/mp4", video);
        var postId = nowPost("""
                {"content":"Watch","image":[{"id":"v","path":"%s"}]}""".formatted(path));

        awaitStatus(postId, "published");

        var id = x.tweets().get(0).path("media").path("media_ids").get(0).asString();
        assertThat(x.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "GET /files/clip.mp4",
                        "POST /2/media/upload/initialize",
                        "POST /2/media/upload/" + id + "/append",
                        "POST /2/media/upload/" + id + "/append",
                        "POST /2/media/upload/" + id + "/finalize",
                        "GET /2/media/upload",
                        "GET /2/media/upload",
                        "GET /2/media/upload",
                        "POST /2/tweets");
        assertThat(x.received("/2/media/upload"))
                .allSatisfy(status -> assertThat(status.query()).isEqualTo("command=STATUS&media_id=" + id));
        var media = x.media(id);
        assertThat(media.category()).isEqualTo("tweet_video");
        assertThat(media.type()).isEqualTo("video/mp4");
        assertThat(media.segments()).isEqualTo(2);
        assertThat(media.bytes()).isEqualTo(video);
    }

    @Test
    void aRateLimitDelaysThePostUntilTheResetAndItIsThenPublishedOnce() {
        x.rateLimitTweets(Duration.ofSeconds(3));
        var postId = nowPost("{\"content\":\"Patience\"}");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> x.received("/2/tweets").size() == 1);
        var reset = Instant.ofEpochSecond(Long.parseLong(x.lastRateLimitReset().orElseThrow()));
        var waiting = listed(postId);
        assertThat(waiting.path("status").asString()).isEqualTo("scheduled");
        assertThat(waiting.path("state").asString()).isEqualTo("QUEUE");
        assertThat(waiting.path("error").isNull()).isTrue();

        var published = awaitStatus(postId, "published");

        var attempts = x.received("/2/tweets");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).at()).isGreaterThanOrEqualTo(reset.toEpochMilli());
        assertThat(attempts.get(1).bodyText()).isEqualTo(attempts.get(0).bodyText());
        assertThat(x.tweets()).hasSize(1);
        assertThat(published.path("releaseId").asString())
                .isEqualTo(x.tweets().get(0).path("id").asString());
    }

    @Test
    void aPostWaitingForTheRateLimitHasItsAlarmAtTheResetAndCanBeDeleted() {
        x.rateLimitTweets(Duration.ofMinutes(5));
        var created = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"Never mind"}]}]}""".formatted(integration));
        var postId = created.get(0).path("postId").asString();
        var group = created.get(0).path("group").asString();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> x.received("/2/tweets").size() == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> listed(postId).path("status").asString().equals("scheduled"));
        var rows = new Rows(jdbc);
        var reset = Long.parseLong(x.lastRateLimitReset().orElseThrow());
        assertThat(rows.triggerFireTimes(group)).containsExactly((reset + 1) * 1000);

        var deleted = tenant.delete("/public/v1/posts/" + postId);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(rows.triggerFireTimes(group)).isEmpty();
        assertThat(rows.alarms(group)).isZero();
        assertThat(x.tweets()).isEmpty();
    }

    @Test
    void refusesAPostOf281WeightedCharactersWhenItIsCreatedAndStoresNothing() {
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);
        var text = "a".repeat(257) + " https://example.com/" + "long/".repeat(30);

        var response = tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}""".formatted(integration, text));

        assertAnswer(response, 400, """
                {"statusCode":400,"provider":"x","name":"Herald Test",
                 "message":"The post is 281 characters long; at most 280 are allowed (X counts a link as 23 characters, an emoji or a CJK character as 2)"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
        var fits = tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}""".formatted(
                        integration, "a".repeat(256) + " https://example.com/" + "long/".repeat(30)));
        assertThat(fits.status()).as(fits.body()).isEqualTo(201);
        var draft = tenant.post("/public/v1/posts", """
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}""".formatted(integration, text));
        assertThat(draft.status()).as("drafts skip the platform's rules").isEqualTo(201);
    }

    @Test
    void refusesMediaAndSettingsXDoesNotTakeWhenThePostIsCreated() {
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);

        assertAnswer(create("[{\"content\":\"hi\",\"image\":" + images("a.mp4", "b.png") + "}]", "{}"), 400, """
                {"statusCode":400,"provider":"x","name":"Herald Test",
                 "message":"The post has a video and images; a video must be the only media of its post"}""");
        assertAnswer(
                create(
                        "[{\"content\":\"hi\"},{\"content\":\"more\",\"image\":"
                                + images("1.png", "2.png", "3.png", "4.png", "5.png") + "}]",
                        "{}"),
                400,
                """
                {"statusCode":400,"provider":"x","name":"Herald Test",
                 "message":"The post has 5 images; at most 4 are allowed"}""");
        assertAnswer(create("[{\"content\":\"hi\"}]", "{\"who_can_reply_post\":\"nobody\"}"), 400, """
                {"statusCode":400,"provider":"x","name":"Herald Test",
                 "message":"settings.who_can_reply_post must be one of everyone, following, mentionedUsers, subscribers, verified"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void xsErrorBodyReachesThePostsError() {
        var first = nowPost("{\"content\":\"Same words\"}");
        awaitStatus(first, "published");

        var second = nowPost("{\"content\":\"Same words\"}");

        var failed = awaitStatus(second, "failed");
        assertThat(failed.path("error").asString())
                .isEqualTo("X refused it (HTTP 403): You are not allowed to create a Tweet with duplicate content.");
        assertThat(x.tweets()).hasSize(1);
        assertThat(x.received("/2/tweets")).hasSize(2);
    }

    @Test
    void tokensGivenInTheConfigPublishToo() {
        var token = x.mint(FakeX.ME);
        var handmade = tenant.integration("Handmade", "x", "{\"accessToken\":\"" + token + "\"}");

        var postId = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"By hand"}]}]}""".formatted(handmade))
                .get(0)
                .path("postId")
                .asString();

        awaitStatus(postId, "published");
        assertThat(x.received("/2/tweets").get(0).header("Authorization")).isEqualTo("Bearer " + token);
    }

    private String images(String... names) {
        var list = new StringBuilder("[");
        for (var name : names) {
            list.append(list.length() > 1 ? "," : "")
                    .append("{\"id\":\"i\",\"path\":\"https://cdn.test/")
                    .append(name)
                    .append("\"}");
        }
        return list.append("]").toString();
    }

    private HeraldClient.Response create(String values, String settings) {
        return tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":%s,"value":%s}]}""".formatted(integration, settings, values));
    }

    private String nowPost(String value) {
        return tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[%s]}]}""".formatted(integration, value))
                .get(0)
                .path("postId")
                .asString();
    }

    private JsonNode awaitStatus(String postId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> listed(postId).path("status").asString().equals(status));
        return listed(postId);
    }

    private JsonNode listed(String postId) {
        var posts = tenant.get("/public/v1/posts?startDate=2000-01-01&endDate=2100-01-01")
                .json()
                .path("posts");
        for (var post : posts) {
            if (post.path("id").asString().equals(postId)) {
                return post;
            }
        }
        throw new AssertionError("post " + postId + " is not listed");
    }
}
