package io.herald.integrations;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.x.FakeX;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldInstance;
import io.herald.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The token lifecycle (spec §12) against the fake X, whose refresh tokens work once and whose
 * refresh retires the access token it replaces: refreshed ahead of expiry, and once on a 401; one
 * refresh for the whole cluster however many nodes are due at once; and a refused refresh making
 * the channel need reconnecting, its due posts failing with that message, never retried.
 */
@ChannelsTest
class TokenRefreshIntegrationTests {

    private static final FakeX x = FakePlatforms.X;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        x.reset();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @Test
    void aPostDueAfterTheAccessTokenExpiredIsPublishedAfterARefresh() {
        var integration = connectWithTokensLastingASecond();
        var expired = x.lastAccessToken();
        var refreshToken = x.lastRefreshToken();
        x.tokensLast(Duration.ofHours(2));

        var postId = nowPost(integration, "After the refresh");

        awaitStatus(postId, "published");
        var refreshes = x.grants("refresh_token");
        assertThat(refreshes).hasSize(1);
        assertThat(refreshes.get(0)).containsEntry("refresh_token", refreshToken);
        var fresh = x.lastAccessToken();
        assertThat(fresh).isNotEqualTo(expired);
        assertThat(x.received("/2/tweets"))
                .singleElement()
                .satisfies(tweet -> assertThat(tweet.header("Authorization")).isEqualTo("Bearer " + fresh));
        assertThat(expiryOf(integration)).isAfter(Instant.now().plus(Duration.ofMinutes(115)));
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeThePostIsSent() {
        x.tokensLast(Duration.ofMinutes(2)); // within the five minutes ahead of expiry
        var integration = Browser.connect(tenant, "x");
        var old = x.lastAccessToken();
        x.tokensLast(Duration.ofHours(2));

        awaitStatus(nowPost(integration, "Ahead of time"), "published");

        assertThat(x.grants("refresh_token")).hasSize(1);
        assertThat(x.received("/2/tweets").get(0).header("Authorization"))
                .isEqualTo("Bearer " + x.lastAccessToken())
                .isNotEqualTo("Bearer " + old);
    }

    @Test
    void aRefusedAccessTokenIsRefreshedOnceAndThePostSentAgain() {
        var integration = Browser.connect(tenant, "x");
        x.revoke(x.lastAccessToken());

        var postId = nowPost(integration, "Second try");

        awaitStatus(postId, "published");
        assertThat(x.grants("refresh_token")).hasSize(1);
        var attempts = x.received("/2/tweets");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).header("Authorization")).isEqualTo("Bearer " + x.lastAccessToken());
        assertThat(x.tweets()).hasSize(1);
    }

    @Test
    void aRefreshThePlatformRefusesLeavesRefreshNeededAndFailsTheDuePostsWithoutRetrying() {
        var integration = connectWithTokensLastingASecond();
        x.refuseRefreshes();

        var first = awaitStatus(nowPost(integration, "Will not go"), "failed");

        var reconnect = "The channel Herald Test (x) must be reconnected: X refused the grant (HTTP 400):"
                + " invalid_request: Value passed for the token was invalid. Connect its account again (GET"
                + " /public/v1/social/x), then schedule the post again; it was not sent.";
        assertThat(first.path("state").asString()).isEqualTo("ERROR");
        assertThat(first.path("error").asString()).isEqualTo(reconnect);
        assertAnswer(tenant.get("/public/v1/integrations"), 200, """
                [{"id":"%s","name":"Herald Test","identifier":"x","picture":"https://pbs.x.test/me.jpg",
                  "disabled":false,"profile":"heraldtest","refreshNeeded":true}]""".formatted(integration));
        var second = awaitStatus(nowPost(integration, "Nor this one"), "failed");
        assertThat(second.path("error").asString()).isEqualTo(reconnect);
        assertThat(x.grants("refresh_token"))
                .as("one refusal, never asked again")
                .hasSize(1);
        assertThat(x.received("/2/tweets")).isEmpty();

        // connecting the account again is the cure
        x.reset();
        assertThat(Browser.connect(tenant, "x")).isEqualTo(integration);
        assertThat(tenant.get("/public/v1/integrations").json().get(0).has("refreshNeeded"))
                .isFalse();
        awaitStatus(nowPost(integration, "Back again"), "published");
    }

    @Test
    void twoNodesDueAtOnceRefreshTheTokenOnce() throws Exception {
        var integration = connectWithTokensLastingASecond();
        var release = new CountDownLatch(1);
        x.beforeRefresh(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        var settings = new ArrayList<>(FakePlatforms.settings());
        try (var other = HeraldInstance.start(settings.toArray(String[]::new))) {
            var here = nowPost(integration, "From this node");
            var there = other.client()
                    .post("/public/v1/posts", tenant.apiKey(), """
                            {"type":"now","shortLink":false,"tags":[],
                             "posts":[{"integration":{"id":"%s"},"value":[{"content":"From the other node"}]}]}""".formatted(integration))
                    .json()
                    .get(0)
                    .path("postId")
                    .asString();

            // one node is at X with the refresh, the other waits on the integration's lock
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> x.grants("refresh_token").size() == 1);
            await().atMost(Duration.ofSeconds(30)).until(this::aRefresherWaitsForTheLock);
            release.countDown();

            awaitStatus(here, "published");
            awaitStatus(there, "published");
            assertThat(x.grants("refresh_token")).hasSize(1);
            var fresh = x.lastAccessToken();
            assertThat(x.received("/2/tweets"))
                    .hasSize(2)
                    .allSatisfy(
                            tweet -> assertThat(tweet.header("Authorization")).isEqualTo("Bearer " + fresh));
        } finally {
            release.countDown();
        }
    }

    /** Connects X with a token that lapses a second later, and waits until X no longer takes it. */
    private String connectWithTokensLastingASecond() {
        x.tokensLast(Duration.ofSeconds(1));
        var integration = Browser.connect(tenant, "x");
        var token = x.lastAccessToken();
        await().atMost(Duration.ofSeconds(5)).until(() -> !x.accepts(token));
        x.tokensLast(Duration.ofHours(2));
        return integration;
    }

    private boolean aRefresherWaitsForTheLock() {
        return jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and query like '%from integrations where id = % for no key update%'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    private Instant expiryOf(String integration) {
        return jdbc.sql("select token_expires_at from integrations where id = :id")
                .param("id", UUID.fromString(integration))
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
    }

    private String nowPost(String integration, String content) {
        return tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}""".formatted(integration, content))
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
        for (var post : tenant.get("/public/v1/posts?startDate=2000-01-01&endDate=2100-01-01")
                .json()
                .path("posts")) {
            if (post.path("id").asString().equals(postId)) {
                return post;
            }
        }
        throw new AssertionError("post " + postId + " is not listed");
    }
}
