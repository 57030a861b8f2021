package io.herald.integrations.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.bluesky.BlueskyPdsStub.Fault;
import io.herald.support.HeraldClient;
import io.herald.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BlueskyPublishingIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    // Not valid UTF-8 on purpose: the blob must carry the bytes untouched.
    private static final byte[] CAT = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, 42};

    private static final String POSTS = "/xrpc/com.atproto.repo.putRecord";

    @LocalServerPort
    int port;

    BlueskyPdsStub pds;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        pds = new BlueskyPdsStub();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @AfterEach
    void tearDown() {
        pds.close();
    }

    @Test
    void signsInUploadsTheImageAndWritesThePostUnderARecordKeyOfItsDelivery() throws Exception {
        var image = pds.file("cat.png", CAT);
        var postId = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},
                           "value":[{"content":"<p>Grüße 👋 from <a href=\\"https://herald.test/a\\">site</a>.</p>",
                                     "image":[{"id":"i1","path":"%s","alt":"A cat, asleep"}]}]}]}
                """.formatted(integration(), image))
                .get(0)
                .get("postId")
                .asString();

        var listed = awaitStatus(postId, "published");

        assertThat(pds.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "POST /xrpc/com.atproto.server.createSession",
                        "GET /files/cat.png",
                        "POST /xrpc/com.atproto.repo.uploadBlob",
                        "POST " + POSTS);
        var session = pds.received("/xrpc/com.atproto.server.createSession").get(0);
        assertThat(session.header("Content-Type")).startsWith("application/json");
        assertThat(session.header("Authorization")).isNull();
        JSONAssert.assertEquals(
                "{\"identifier\":\"%s\",\"password\":\"%s\"}".formatted(BlueskyPdsStub.HANDLE, BlueskyPdsStub.PASSWORD),
                session.bodyText(),
                JSONCompareMode.STRICT);

        var upload = pds.received("/xrpc/com.atproto.repo.uploadBlob").get(0);
        assertThat(upload.header("Authorization")).isEqualTo("Bearer " + BlueskyPdsStub.ACCESS_JWT);
        assertThat(upload.header("Content-Type")).isEqualTo("image/png");
        assertThat(upload.body()).isEqualTo(CAT);

        var put = pds.received(POSTS).get(0);
        assertThat(put.header("Authorization")).isEqualTo("Bearer " + BlueskyPdsStub.ACCESS_JWT);
        assertThat(put.header("Content-Type")).startsWith("application/json");
        var written = json.readTree(put.bodyText());
        var createdAt = written.path("record").path("createdAt").asString();
        assertThat(Instant.parse(createdAt)).isBetween(Instant.now().minusSeconds(60), Instant.now());
        var rkey =
                Tid.forDelivery(postId, Instant.parse(listed.path("publishDate").asString()));
        var record = pds.records().get(0);
        var blob = record.value().path("embed").path("images").get(0).path("image");
        // "Grüße 👋 from site (" is 24 bytes of UTF-8 (ü, ß: 2 each; 👋: 4), the link 21 more
        JSONAssert.assertEquals(
                """
                {"repo":"%s","collection":"app.bsky.feed.post","rkey":"%s","swapRecord":null,
                 "record":{"$type":"app.bsky.feed.post","text":"Grüße 👋 from site (https://herald.test/a).",
                           "createdAt":"%s",
                           "facets":[{"index":{"byteStart":24,"byteEnd":45},
                                      "features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://herald.test/a"}]}],
                           "embed":{"$type":"app.bsky.embed.images",
                                    "images":[{"alt":"A cat, asleep","image":%s}]}}}
                """.formatted(BlueskyPdsStub.DID, rkey, createdAt, blob), put.bodyText(), JSONCompareMode.STRICT);
        assertThat(blob.path("size").asInt()).isEqualTo(CAT.length);

        assertThat(listed.path("state").asString()).isEqualTo("PUBLISHED");
        assertThat(listed.path("releaseId").asString())
                .isEqualTo("at://" + BlueskyPdsStub.DID + "/app.bsky.feed.post/" + rkey)
                .isEqualTo(record.uri());
        assertThat(listed.path("releaseURL").asString())
                .isEqualTo("https://bsky.app/profile/" + BlueskyPdsStub.HANDLE + "/post/" + rkey);
        assertThat(listed.path("error").isNull()).isTrue();
    }

    @Test
    void postsAThreadAsRepliesToItsRootAndThePreviousPost() throws Exception {
        var postId = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},
                           "value":[{"content":"first"},{"content":"second","delay":0},{"content":"third","delay":0}]}]}
                """.formatted(integration()))
                .get(0)
                .get("postId")
                .asString();

        await().atMost(Duration.ofSeconds(30)).until(() -> pds.records().size() == 3);
        var listed = awaitStatus(postId, "published");

        var records = pds.records();
        assertThat(records)
                .extracting(r -> r.value().path("text").asString())
                .containsExactly("first", "second", "third");
        assertThat(records.get(0).value().has("reply")).isFalse();
        var root = ref(records.get(0));
        JSONAssert.assertEquals(
                "{\"root\":%s,\"parent\":%s}".formatted(root, root),
                records.get(1).value().path("reply").toString(),
                JSONCompareMode.STRICT);
        JSONAssert.assertEquals(
                "{\"root\":%s,\"parent\":%s}".formatted(root, ref(records.get(1))),
                records.get(2).value().path("reply").toString(),
                JSONCompareMode.STRICT);
        assertThat(pds.received(POSTS)).hasSize(3);
        assertThat(records).extracting(BlueskyPdsStub.StoredRecord::uri).doesNotHaveDuplicates();
        assertThat(listed.path("releaseId").asString()).isEqualTo(records.get(0).uri());
    }

    @Test
    void failsThePostWithTheServersMessageWhenTheAppPasswordIsWrong() {
        var integration = tenant.integration(
                "Sky",
                "bluesky",
                "{\"service\":\"%s\",\"identifier\":\"%s\",\"appPassword\":\"wrong\"}"
                        .formatted(pds.url(), BlueskyPdsStub.HANDLE));
        var postId = tenant.createPosts(nowPost(integration, "hello"))
                .get(0)
                .get("postId")
                .asString();

        var listed = awaitStatus(postId, "failed");

        assertThat(listed.path("state").asString()).isEqualTo("ERROR");
        assertThat(listed.path("error").asString())
                .isEqualTo(
                        "Bluesky's sign-in refused it (HTTP 401): AuthenticationRequired: Invalid identifier or password");
        assertThat(listed.path("releaseId").isNull()).isTrue();
        assertThat(pds.received()).hasSize(1);
        assertThat(pds.records()).isEmpty();
    }

    @Test
    void retriesAnUnavailableServerWithTheSameRecordKeyAndRecord() {
        pds.failPutRecord(Fault.UNAVAILABLE);
        var postId = tenant.createPosts(nowPost(integration(), "hello"))
                .get(0)
                .get("postId")
                .asString();

        var listed = awaitStatus(postId, "published");

        var puts = pds.received(POSTS);
        assertThat(puts).hasSize(2);
        assertThat(puts.get(1).bodyText()).isEqualTo(puts.get(0).bodyText());
        assertThat(pds.records()).hasSize(1);
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(pds.records().get(0).uri());
    }

    @Test
    void aRetryAfterALostAnswerIsANoOpInsteadOfASecondPost() {
        pds.failPutRecord(Fault.ANSWER_LOST);
        var postId = tenant.createPosts(nowPost(integration(), "hello once"))
                .get(0)
                .get("postId")
                .asString();

        var listed = awaitStatus(postId, "published");

        var puts = pds.received(POSTS);
        assertThat(puts).hasSize(2);
        assertThat(puts.get(1).bodyText()).isEqualTo(puts.get(0).bodyText());
        assertThat(pds.records()).hasSize(1);
        assertThat(pds.commits()).isEqualTo(1);
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(pds.records().get(0).uri());
    }

    @Test
    void refusesAnImageLargerThanBlueskyTakesBeforeUploadingAnything() {
        var image = pds.file("huge.png", new byte[BlueskyPublisher.MAX_IMAGE_BYTES + 1]);
        var postId = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"big","image":[{"id":"i","path":"%s"}]}]}]}
                """.formatted(integration(), image))
                .get(0)
                .get("postId")
                .asString();

        var listed = awaitStatus(postId, "failed");

        assertThat(listed.path("error").asString())
                .isEqualTo("Image " + image + " is 1000001 bytes; Bluesky takes images of at most 1000000 bytes");
        assertThat(pds.received("/xrpc/com.atproto.repo.uploadBlob")).isEmpty();
        assertThat(pds.received(POSTS)).isEmpty();
    }

    private static String ref(BlueskyPdsStub.StoredRecord record) {
        return json.createObjectNode()
                .put("uri", record.uri())
                .put("cid", record.cid())
                .toString();
    }

    private String integration() {
        return tenant.integration(
                "Sky",
                "bluesky",
                "{\"service\":\"%s/\",\"identifier\":\"%s\",\"appPassword\":\"%s\"}"
                        .formatted(pds.url(), BlueskyPdsStub.HANDLE, BlueskyPdsStub.PASSWORD));
    }

    private static String nowPost(String integration, String content) {
        return """
                {"type":"now","shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}
                """.formatted(integration, content);
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
