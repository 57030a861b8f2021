package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.integrations.bluesky.BlueskyPdsStub;
import io.herald.integrations.mastodon.MastodonInstanceStub;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Invariants;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Postiz's {@code posts:missing} and {@code posts:connect} routes: for a post whose outcome is
 * unknown, the account's latest posts on the fake Mastodon and Bluesky, and recording the one the
 * user names; every other post refused, and a delete of the same group never both wins with it.
 */
@HeraldIntegrationTest
class PostReconciliationIntegrationTests {

    private static final String UNKNOWN = "Publication outcome unknown: the Herald node stopped";

    private static final String NOT_RECONCILABLE = """
            {"statusCode":400,"message":"Only a post whose publication outcome is unknown can be connected to a release","error":"Bad Request"}
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    MastodonInstanceStub mastodon;

    BlueskyPdsStub bluesky;

    Tenant tenant;

    Rows rows;

    @BeforeEach
    void setUp() {
        mastodon = new MastodonInstanceStub();
        bluesky = new BlueskyPdsStub();
        tenant = Tenant.create(new HeraldClient(port));
        rows = new Rows(jdbc);
    }

    @AfterEach
    void tearDown() {
        Invariants.assertScheduleConsistent(jdbc, tenant.id());
        mastodon.close();
        bluesky.close();
    }

    @Test
    void missingListsTheMastodonAccountsLatestStatusesNewestFirst() {
        var post = outcomeUnknown(mastodon());
        var first = mastodon.post("Went out after all?");
        var second = mastodon.post("Something else");

        var answer = tenant.get("/public/v1/posts/" + post + "/missing");

        assertAnswer(answer, 200, """
                [{"id":"%s","url":"%s"},{"id":"%s","url":"%s"}]
                """.formatted(
                        second.path("id").asString(), second.path("url").asString(),
                        first.path("id").asString(), first.path("url").asString()));
        assertThat(mastodon.received("/api/v1/accounts/" + MastodonInstanceStub.ACCOUNT + "/statuses"))
                .singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("limit=20"));
    }

    @Test
    void missingListsTheBlueskyAuthorFeedWithoutReposts() {
        var post = outcomeUnknown(bluesky());
        bluesky.post("3kaaaaaaaaaa2", "older");
        bluesky.post("3kaaaaaaaaab2", "newer");

        var answer = tenant.get("/public/v1/posts/" + post + "/missing");

        assertAnswer(answer, 200, """
                [{"id":"at://%1$s/app.bsky.feed.post/3kaaaaaaaaab2","url":"https://bsky.app/profile/%2$s/post/3kaaaaaaaaab2"},
                 {"id":"at://%1$s/app.bsky.feed.post/3kaaaaaaaaaa2","url":"https://bsky.app/profile/%2$s/post/3kaaaaaaaaaa2"}]
                """.formatted(BlueskyPdsStub.DID, BlueskyPdsStub.HANDLE));
    }

    @Test
    void aWebhookCannotListItsPostsAndTakesTheReleaseAsGiven() {
        var post = outcomeUnknown(tenant.webhook("Hook"));

        assertAnswer(tenant.get("/public/v1/posts/" + post + "/missing"), 200, "[]");
        var answer = tenant.client()
                .put("/public/v1/posts/" + post + "/release-id", tenant.apiKey(), "{\"releaseId\":\"d-1\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("releaseId").asString()).isEqualTo("d-1");
        assertThat(answer.json().path("releaseURL").isNull()).isTrue();
        assertThat(answer.json().path("state").asString()).isEqualTo("PUBLISHED");
    }

    @Test
    void connectRecordsTheMastodonStatusAsTheRelease() {
        var integration = mastodon();
        var post = outcomeUnknown(integration);
        var status = mastodon.post("Went out after all");
        var group = groupOf(post);
        var version = version(group);

        var answer = connect(post, status.path("id").asString());

        assertAnswer(answer, 200, """
                {"id":"%s","content":"<p>lost</p>","publishDate":"2030-05-01T09:00:00.000Z",
                 "releaseURL":"%s","releaseId":"%s","state":"PUBLISHED","status":"published","error":null,
                 "group":"%s","creationMethod":"API","settings":{"__type":"mastodon"},"image":[],"tags":[],
                 "integration":{"id":"%s","providerIdentifier":"mastodon","name":"Toots","picture":"https://pics.test/Toots.png"},
                 "intervalInDays":null,"thread":[],
                 "members":[{"id":"%1$s","integration":"%5$s","state":"PUBLISHED","status":"published"}],
                 "editable":false,"deletable":false,"version":%6$s}
                """.formatted(
                post, status.path("url").asString(), status.path("id").asString(), group, integration, version(group)));
        assertThat(answer.headers().firstValue("ETag")).hasValue("\"" + version(group) + "\"");
        assertThat(row(post)).isEqualTo("PUBLISHED false null");
        assertThat(version(group)).isGreaterThan(version);
        assertThat(connect(post, status.path("id").asString()).status()).isEqualTo(400);
    }

    @Test
    void connectRecordsTheBlueskyPostWithItsUriAndCidForReplies() {
        var post = outcomeUnknown(bluesky());
        var uri = bluesky.post("3kaaaaaaaaac2", "went out");

        var answer = connect(post, uri);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("releaseURL").asString())
                .isEqualTo("https://bsky.app/profile/" + BlueskyPdsStub.HANDLE + "/post/3kaaaaaaaaac2");
        var meta = jdbc.sql("select release_meta->>'uri' || ' ' || (release_meta->>'cid' is not null) from posts"
                        + " where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
        assertThat(meta).isEqualTo(uri + " true");
    }

    @Test
    void aReleaseTheAccountDoesNotHaveIsRefusedAndNothingChanges() {
        var post = outcomeUnknown(mastodon());
        mastodon.post("Mine");
        var before = rows.of(tenant);

        assertAnswer(connect(post, "999"), 400, """
                {"statusCode":400,"message":"Release 999 is not a post of this mastodon account","error":"Bad Request"}
                """);
        assertAnswer(connect(post, "../verify_credentials"), 400, """
                {"statusCode":400,"message":"Release ../verify_credentials is not a post of this mastodon account","error":"Bad Request"}
                """);
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(row(post)).isEqualTo("ERROR true " + UNKNOWN);
    }

    @Test
    void everyPostThatDidNotFailAsOutcomeUnknownIsRefusedAndNothingChanges() {
        var integration = tenant.webhook("Hook");
        var draft = draft(integration);
        var queued = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"queued"}]}]}
                """.formatted(integration))
                .get(0)
                .path("postId")
                .asString();
        var failed = draft(integration);
        jdbc.sql("update posts set state = 'ERROR', error = 'refused' where id = cast(:id as uuid)")
                .param("id", failed)
                .update();
        var published = draft(integration);
        rows.setState(published, "PUBLISHED");
        var before = rows.of(tenant);

        for (var post : List.of(draft, queued, failed, published)) {
            assertAnswer(connect(post, "r-1"), 400, NOT_RECONCILABLE);
            assertAnswer(tenant.get("/public/v1/posts/" + post + "/missing"), 400, NOT_RECONCILABLE);
        }
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void unknownDeletedAndForeignPostsAreNotFoundOrDenied() {
        var integration = tenant.webhook("Hook");
        var deleted = outcomeUnknown(integration);
        assertThat(tenant.delete("/public/v1/posts/" + deleted).status()).isEqualTo(200);
        var other = Tenant.create(tenant.client());
        var foreign = outcomeUnknown(other, other.webhook("Theirs"));
        var notFound = "{\"statusCode\":404,\"message\":\"Post not found\",\"error\":\"Not Found\"}";
        var before = rows.of(tenant);

        for (var id : List.of(deleted, UUID.randomUUID().toString(), "not-an-id")) {
            assertAnswer(connect(id, "r-1"), 404, notFound);
            assertAnswer(tenant.get("/public/v1/posts/" + id + "/missing"), 404, notFound);
        }
        var denied = "{\"statusCode\":403,\"message\":\"Access denied\",\"error\":\"Forbidden\"}";
        assertAnswer(connect(foreign, "r-1"), 403, denied);
        assertAnswer(tenant.get("/public/v1/posts/" + foreign + "/missing"), 403, denied);
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(row(foreign)).isEqualTo("ERROR true " + UNKNOWN);
    }

    @Test
    void aReleaseIdThatIsNoNonEmptyStringIsRefusedAndNothingChanges() {
        var post = outcomeUnknown(tenant.webhook("Hook"));
        var before = rows.of(tenant);

        for (var body : List.of("{}", "{\"releaseId\":\"\"}", "{\"releaseId\":7}", "[]", "")) {
            assertAnswer(
                    tenant.client().put("/public/v1/posts/" + post + "/release-id", tenant.apiKey(), body), 400, """
                    {"statusCode":400,"message":["releaseId must be a non-empty string of at most 1000 characters"],"error":"Bad Request"}
                    """);
        }
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("io.herald.support.RaceSeeds#seeds")
    void aConnectAndADeleteOfTheSameGroupNeverBothWin(long seed) throws Exception {
        var integration = tenant.webhook("Race");
        var posts = new ArrayList<String>();
        for (int i = 0; i < 16; i++) {
            posts.add(outcomeUnknown(integration));
        }
        var random = new Random(seed);
        var tasks = new ArrayList<Runnable>();
        var connects = new ConcurrentHashMap<String, Integer>();
        var deletes = new ConcurrentHashMap<String, Integer>();
        for (var post : posts) {
            tasks.add(() -> connects.put(post, connect(post, "r-" + post).status()));
            tasks.add(() ->
                    deletes.put(post, tenant.delete("/public/v1/posts/" + post).status()));
        }
        Collections.shuffle(tasks, random);
        var pool = Executors.newFixedThreadPool(8);
        var start = new CountDownLatch(1);
        var done = new CountDownLatch(tasks.size());
        for (var task : tasks) {
            pool.submit(() -> {
                try {
                    start.await();
                    Thread.sleep(random.nextInt(5));
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        start.countDown();
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();

        System.out.printf(
                "reconcile race seed %d: %d connects won, %d deletes won%n",
                seed,
                connects.values().stream().filter(status -> status == 200).count(),
                deletes.values().stream().filter(status -> status == 200).count());
        for (var post : posts) {
            var state = jdbc.sql("select state || ' ' || (deleted_at is not null) || ' ' || coalesce(release_id, '-')"
                            + " from posts where id = cast(:id as uuid)")
                    .param("id", post)
                    .query(String.class)
                    .single();
            if (connects.get(post) == 200) {
                assertThat(deletes.get(post)).as(post).isEqualTo(403);
                assertThat(state).isEqualTo("PUBLISHED false r-" + post);
            } else {
                assertThat(connects.get(post)).as(post).isEqualTo(404);
                assertThat(deletes.get(post)).as(post).isEqualTo(200);
                assertThat(state).isEqualTo("ERROR true -");
            }
        }
    }

    private HeraldClient.Response connect(String post, String releaseId) {
        return tenant.client()
                .put(
                        "/public/v1/posts/" + post + "/release-id",
                        tenant.apiKey(),
                        "{\"releaseId\":\"" + releaseId + "\"}");
    }

    /** A post that failed as outcome unknown, as the abandon sweep leaves it (see the cluster tests). */
    private String outcomeUnknown(String integration) {
        return outcomeUnknown(tenant, integration);
    }

    private String outcomeUnknown(Tenant owner, String integration) {
        var post = draft(owner, integration);
        jdbc.sql(
                        "update posts set state = 'ERROR', outcome_unknown = true, error = :error where id = cast(:id as uuid)")
                .param("id", post)
                .param("error", UNKNOWN)
                .update();
        return post;
    }

    private String draft(String integration) {
        return draft(tenant, integration);
    }

    private static String draft(Tenant owner, String integration) {
        return owner.createPosts("""
                        {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"<p>lost</p>"}]}]}
                        """.formatted(integration))
                .get(0)
                .path("postId")
                .asString();
    }

    private String row(String post) {
        return jdbc.sql("select state || ' ' || outcome_unknown || ' ' || coalesce(error, 'null') from posts"
                        + " where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
    }

    private String groupOf(String post) {
        return jdbc.sql("select group_id::text from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
    }

    private long version(String group) {
        return jdbc.sql("select sum(version) from posts where group_id = cast(:group as uuid)")
                .param("group", group)
                .query(Long.class)
                .single();
    }

    private String mastodon() {
        return tenant.integration(
                "Toots",
                "mastodon",
                "{\"instanceUrl\":\"%s\",\"accessToken\":\"%s\"}"
                        .formatted(mastodon.url(), MastodonInstanceStub.TOKEN));
    }

    private String bluesky() {
        return tenant.integration(
                "Sky",
                "bluesky",
                "{\"service\":\"%s\",\"identifier\":\"%s\",\"appPassword\":\"%s\"}"
                        .formatted(bluesky.url(), BlueskyPdsStub.HANDLE, BlueskyPdsStub.PASSWORD));
    }
}
