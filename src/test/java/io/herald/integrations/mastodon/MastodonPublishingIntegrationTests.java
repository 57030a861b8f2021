package io.herald.integrations.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.mastodon.MastodonInstanceStub.Fault;
import io.herald.support.HeraldClient;
import io.herald.support.MultipartBody;
import io.herald.support.Tenant;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MastodonPublishingIntegrationTests {

    // Not valid UTF-8 on purpose: the upload must carry the bytes untouched.
    private static final byte[] CAT = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, 42};

    @LocalServerPort
    int port;

    MastodonInstanceStub mastodon;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        mastodon = new MastodonInstanceStub();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @AfterEach
    void tearDown() {
        mastodon.close();
    }

    @Test
    void uploadsTheImageWaitsForItsProcessingThenPostsTheStatusWithIt() throws Exception {
        mastodon.processingPolls(2);
        var image = mastodon.file("cat.png", CAT);
        var postId = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":{"visibility":"unlisted"},
                           "value":[{"content":"<p>Hello <a href=\\"https://herald.test\\">site</a></p>",
                                     "image":[{"id":"i1","path":"%s","alt":"A cat, asleep"}]}]}]}
                """.formatted(integration(), image))
                .get(0)
                .get("postId")
                .asString();

        var listed = awaitStatus(postId, "published");

        assertThat(mastodon.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "GET /files/cat.png",
                        "POST /api/v2/media",
                        "GET /api/v1/media/" + mediaId(),
                        "GET /api/v1/media/" + mediaId(),
                        "POST /api/v1/statuses");
        var upload = mastodon.received("/api/v2/media").get(0);
        assertThat(upload.header("Authorization")).isEqualTo("Bearer " + MastodonInstanceStub.TOKEN);
        var form = MultipartBody.parse(upload.header("Content-Type"), upload.body());
        assertThat(form.parts()).extracting(MultipartBody.Part::name).containsExactly("file", "description");
        assertThat(form.part("file").fileName()).isEqualTo("cat.png");
        assertThat(form.part("file").headers()).containsEntry("Content-Type", "image/png");
        assertThat(form.part("file").content()).isEqualTo(CAT);
        assertThat(form.part("description").text()).isEqualTo("A cat, asleep");
        assertThat(mastodon.received("/api/v1/media/" + mediaId()))
                .allSatisfy(poll ->
                        assertThat(poll.header("Authorization")).isEqualTo("Bearer " + MastodonInstanceStub.TOKEN));

        var status = mastodon.received("/api/v1/statuses").get(0);
        assertThat(status.header("Authorization")).isEqualTo("Bearer " + MastodonInstanceStub.TOKEN);
        assertThat(status.header("Idempotency-Key")).isEqualTo(postId);
        assertThat(status.header("Content-Type")).startsWith("application/json");
        JSONAssert.assertEquals("""
                {"status":"Hello site (https://herald.test)","media_ids":["%s"],"visibility":"unlisted"}
                """.formatted(mediaId()), status.bodyText(), JSONCompareMode.STRICT);

        var made = mastodon.statuses().get(0);
        assertThat(made.path("media_attachments").get(0).path("description").asString())
                .isEqualTo("A cat, asleep");
        assertThat(listed.path("state").asString()).isEqualTo("PUBLISHED");
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(made.path("id").asString());
        assertThat(listed.path("releaseURL").asString())
                .isEqualTo(mastodon.url() + "/@herald/" + made.path("id").asString());
        assertThat(listed.path("error").isNull()).isTrue();
    }

    @Test
    void postsAThreadAsRepliesEachToThePreviousStatus() throws Exception {
        var postId = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},
                           "value":[{"content":"first"},{"content":"second","delay":0},{"content":"third","delay":0}]}]}
                """.formatted(integration()))
                .get(0)
                .get("postId")
                .asString();

        await().atMost(Duration.ofSeconds(30)).until(() -> mastodon.statuses().size() == 3);
        var listed = awaitStatus(postId, "published");

        var statuses = mastodon.statuses();
        var requests = mastodon.received("/api/v1/statuses");
        assertThat(requests).hasSize(3);
        JSONAssert.assertEquals(
                "{\"status\":\"first\",\"media_ids\":[]}", requests.get(0).bodyText(), JSONCompareMode.STRICT);
        JSONAssert.assertEquals(
                "{\"status\":\"second\",\"media_ids\":[],\"in_reply_to_id\":\"%s\"}"
                        .formatted(statuses.get(0).path("id").asString()),
                requests.get(1).bodyText(),
                JSONCompareMode.STRICT);
        JSONAssert.assertEquals(
                "{\"status\":\"third\",\"media_ids\":[],\"in_reply_to_id\":\"%s\"}"
                        .formatted(statuses.get(1).path("id").asString()),
                requests.get(2).bodyText(),
                JSONCompareMode.STRICT);
        assertThat(requests).extracting(r -> r.header("Idempotency-Key")).doesNotHaveDuplicates();
        assertThat(requests.get(0).header("Idempotency-Key")).isEqualTo(postId);
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(statuses.get(0).path("id").asString());
    }

    @Test
    void failsThePostWithTheInstancesMessageWhenItRefusesTheStatus() {
        mastodon.characterLimit(20);
        var postId = nowPost("This is longer than the twenty characters this instance allows");

        var listed = awaitStatus(postId, "failed");

        assertThat(listed.path("state").asString()).isEqualTo("ERROR");
        assertThat(listed.path("error").asString())
                .isEqualTo("Mastodon refused it (HTTP 422): Validation failed: Text character limit of 20 exceeded");
        assertThat(listed.path("releaseId").isNull()).isTrue();
        assertThat(mastodon.received("/api/v1/statuses")).hasSize(1);
        assertThat(mastodon.statuses()).isEmpty();
    }

    @Test
    void retriesAnUnavailableInstanceOnceItsStatusesShowNothingWasMade() {
        mastodon.failStatusRequests(Fault.UNAVAILABLE, Fault.UNAVAILABLE);
        var postId = nowPost("hello");

        var listed = awaitStatus(postId, "published");

        var requests = mastodon.received("/api/v1/statuses");
        assertThat(requests).hasSize(3);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.header("Idempotency-Key")).isEqualTo(postId);
            assertThat(r.bodyText()).isEqualTo(requests.get(0).bodyText());
        });
        assertThat(mastodon.received("/api/v1/accounts/" + MastodonInstanceStub.ACCOUNT + "/statuses"))
                .as("the account's statuses are read before each repeat")
                .hasSize(2);
        assertThat(mastodon.statuses()).hasSize(1);
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(mastodon.statuses().get(0).path("id").asString());
    }

    @Test
    void aStatusWhoseAnswerWasLostIsFoundAmongTheAccountsStatusesAndNotPostedAgain() {
        mastodon.failStatusRequests(Fault.ANSWER_LOST);
        var postId = nowPost("hello once");

        var listed = awaitStatus(postId, "published");

        assertThat(mastodon.received("/api/v1/statuses")).hasSize(1);
        assertThat(mastodon.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "POST /api/v1/statuses",
                        "GET /api/v1/accounts/verify_credentials",
                        "GET /api/v1/accounts/" + MastodonInstanceStub.ACCOUNT + "/statuses");
        assertThat(mastodon.statuses()).hasSize(1);
        var status = mastodon.statuses().get(0);
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(status.path("id").asString());
        assertThat(listed.path("releaseURL").asString())
                .isEqualTo(status.path("url").asString());
    }

    @Test
    void aStatusLostBeforeItWasMadeIsPostedAgainOnceWithTheSameKey() {
        mastodon.failStatusRequests(Fault.LOST_BEFORE_MAKING);
        var postId = nowPost("hello again");

        var listed = awaitStatus(postId, "published");

        assertThat(mastodon.received("/api/v1/statuses"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo(postId));
        assertThat(mastodon.statuses()).hasSize(1);
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(mastodon.statuses().get(0).path("id").asString());
    }

    @Test
    void anotherStatusOfTheAccountIsNotTakenForTheLostOne() {
        var integration = integration();
        var other = nowPost(integration, "something else");
        awaitStatus(other, "published");
        mastodon.failStatusRequests(Fault.LOST_BEFORE_MAKING);

        var postId = nowPost(integration, "the lost one");

        var listed = awaitStatus(postId, "published");
        assertThat(mastodon.statuses())
                .extracting(s -> s.path("content").asString())
                .containsExactly("<p>something else</p>", "<p>the lost one</p>");
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(mastodon.statuses().get(1).path("id").asString());
    }

    @Test
    void failsWithoutPostingWhenTheInstanceNeverFinishesProcessingTheImage() {
        mastodon.processingPolls(Integer.MAX_VALUE);
        var image = mastodon.file("slow.png", CAT);
        var postId = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"look","image":[{"id":"i","path":"%s"}]}]}]}
                """.formatted(integration(), image))
                .get(0)
                .get("postId")
                .asString();

        var listed = awaitStatus(postId, "failed");

        assertThat(listed.path("error").asString())
                .isEqualTo(
                        "Mastodon did not finish processing image " + image + " within 2 s; the status was not posted");
        assertThat(mastodon.received("/api/v2/media").get(0).bodyText()).doesNotContain("name=\"description\"");
        assertThat(mastodon.received("/api/v1/statuses")).isEmpty();
    }

    @Test
    void failsWithTheInstancesMessageWhenTheTokenIsRevoked() {
        var integration = tenant.integration(
                "Toots", "mastodon", "{\"instanceUrl\":\"%s/\",\"accessToken\":\"revoked\"}".formatted(mastodon.url()));
        var postId = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":[{"content":"hi"}]}]}
                """.formatted(integration))
                .get(0)
                .get("postId")
                .asString();

        var listed = awaitStatus(postId, "failed");

        assertThat(listed.path("error").asString())
                .isEqualTo("Mastodon refused it (HTTP 401): The access token is invalid");
        assertThat(mastodon.received()).hasSize(1);
    }

    /** The id of the one media item the instance made, as its status lists it. */
    private String mediaId() {
        return mastodon.statuses()
                .get(0)
                .path("media_attachments")
                .get(0)
                .path("id")
                .asString();
    }

    private String integration() {
        return tenant.integration(
                "Toots",
                "mastodon",
                "{\"instanceUrl\":\"%s\",\"accessToken\":\"%s\"}"
                        .formatted(mastodon.url(), MastodonInstanceStub.TOKEN));
    }

    private String nowPost(String content) {
        return nowPost(integration(), content);
    }

    private String nowPost(String integration, String content) {
        return tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}
                """.formatted(integration, content))
                .get(0)
                .get("postId")
                .asString();
    }

    private JsonNode awaitStatus(String postId, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> listed(postId),
                        post -> post.path("status").asString().equals(status));
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
        throw new AssertionError("post " + postId + " not listed");
    }
}
