package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.integrations.bluesky.BlueskyPdsStub;
import io.herald.integrations.mastodon.MastodonInstanceStub;
import io.herald.support.HeraldClient;
import io.herald.support.PublicSurfaceTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import io.herald.support.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Postiz's analytics from the fake Mastodon's and Bluesky's own numbers: today's value of each, as
 * neither keeps history, kept a minute so a loop does not hammer the platform.
 */
@PublicSurfaceTest
class AnalyticsIntegrationTests {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    private static final String VERIFY = "/api/v1/accounts/verify_credentials";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    MastodonInstanceStub mastodon;

    BlueskyPdsStub bluesky;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        TestClock.SHARED.pin(NOW);
        mastodon = new MastodonInstanceStub();
        bluesky = new BlueskyPdsStub();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @AfterEach
    void tearDown() {
        TestClock.SHARED.reset();
        mastodon.close();
        bluesky.close();
    }

    @Test
    void mastodonAccountNumbersAreTodaysWithNoChange() {
        mastodon.post("one");
        mastodon.post("two");

        var answer = tenant.get("/public/v1/analytics/" + mastodon() + "?date=30");

        assertAnswer(answer, 200, """
                [{"label":"Followers","data":[{"total":42,"date":"2030-01-01"}],"percentageChange":0},
                 {"label":"Following","data":[{"total":7,"date":"2030-01-01"}],"percentageChange":0},
                 {"label":"Posts","data":[{"total":2,"date":"2030-01-01"}],"percentageChange":0}]
                """);
    }

    @Test
    void blueskyAccountNumbersComeFromItsProfile() {
        bluesky.post("3kaaaaaaaaaa2", "one");

        var answer = tenant.get("/public/v1/analytics/" + bluesky() + "?date=7");

        assertAnswer(answer, 200, """
                [{"label":"Followers","data":[{"total":120,"date":"2030-01-01"}],"percentageChange":0},
                 {"label":"Following","data":[{"total":80,"date":"2030-01-01"}],"percentageChange":0},
                 {"label":"Posts","data":[{"total":1,"date":"2030-01-01"}],"percentageChange":0}]
                """);
    }

    @Test
    void answersAreKeptAMinuteThenAskedAgain() {
        var integration = mastodon();

        assertThat(tenant.get("/public/v1/analytics/" + integration).status()).isEqualTo(200);
        TestClock.SHARED.pin(NOW.plusSeconds(59));
        assertThat(tenant.get("/public/v1/analytics/" + integration + "?date=30")
                        .status())
                .isEqualTo(200);
        assertThat(mastodon.received(VERIFY)).hasSize(1);

        TestClock.SHARED.pin(NOW.plusSeconds(61));
        assertThat(tenant.get("/public/v1/analytics/" + integration).status()).isEqualTo(200);
        assertThat(mastodon.received(VERIFY)).hasSize(2);
    }

    @Test
    void aPlatformWithoutNumbersAnswersNone() {
        assertAnswer(tenant.get("/public/v1/analytics/" + tenant.webhook("Hook")), 200, "[]");
    }

    @Test
    void anIntegrationThatIsNotTheCallersIsNotFound() {
        var foreign = Tenant.create(tenant.client()).webhook("Theirs");
        for (var id : List.of(foreign, UUID.randomUUID().toString(), "not-an-id")) {
            assertAnswer(tenant.get("/public/v1/analytics/" + id), 404, "{\"msg\":\"Integration not found\"}");
        }
    }

    @Test
    void aDateThatIsNoNumberOfDaysIsRefused() {
        var integration = mastodon();
        var post = published(integration, "1");
        var refused = """
                {"statusCode":400,"message":["date must be a number of days from 1 to 365"],"error":"Bad Request"}
                """;

        for (var date : List.of("0", "366", "-1", "seven", "7.5", "1000")) {
            assertAnswer(tenant.get("/public/v1/analytics/" + integration + "?date=" + date), 400, refused);
            assertAnswer(tenant.get("/public/v1/analytics/post/" + post + "?date=" + date), 400, refused);
        }
        assertThat(mastodon.received(VERIFY)).isEmpty();
    }

    @Test
    void aMastodonPostsNumbersAreItsFavouritesBoostsAndReplies() {
        var status = mastodon.post("went out");
        var post = published(mastodon(), status.path("id").asString());

        var answer = tenant.get("/public/v1/analytics/post/" + post + "?date=7");

        assertAnswer(answer, 200, """
                [{"label":"Likes","data":[{"total":5,"date":"2030-01-01"}],"percentageChange":0},
                 {"label":"Reposts","data":[{"total":2,"date":"2030-01-01"}],"percentageChange":0},
                 {"label":"Replies","data":[{"total":1,"date":"2030-01-01"}],"percentageChange":0}]
                """);
    }

    @Test
    void aBlueskyPostsNumbersComeFromItsPostView() {
        var uri = bluesky.post("3kaaaaaaaaaa2", "went out");
        var post = published(bluesky(), uri);

        var answer = tenant.get("/public/v1/analytics/post/" + post);

        assertAnswer(answer, 200, """
                [{"label":"Likes","data":[{"total":4,"date":"2030-01-01"}],"percentageChange":0},
                 {"label":"Reposts","data":[{"total":3,"date":"2030-01-01"}],"percentageChange":0},
                 {"label":"Replies","data":[{"total":2,"date":"2030-01-01"}],"percentageChange":0},
                 {"label":"Quotes","data":[{"total":1,"date":"2030-01-01"}],"percentageChange":0}]
                """);
    }

    @Test
    void aPostNeverPublishedIsMissingAndAWebhooksPublishedPostHasNoNumbers() {
        var integration = mastodon();
        var draft = draft(integration);
        var failed = draft(integration);
        new Rows(jdbc).setState(failed, "ERROR");

        for (var post : List.of(draft, failed)) {
            assertAnswer(tenant.get("/public/v1/analytics/post/" + post), 200, "{\"missing\":true}");
        }
        assertAnswer(tenant.get("/public/v1/analytics/post/" + published(tenant.webhook("Hook"), "d-1")), 200, "[]");
        assertThat(mastodon.received("/api/v1/statuses/")).isEmpty();
    }

    @Test
    void aPostThatIsNotTheCallersIsNotFoundOrDenied() {
        var other = Tenant.create(tenant.client());
        var foreign = other.createPosts(draftBody(other.webhook("Theirs")))
                .get(0)
                .path("postId")
                .asString();

        assertAnswer(tenant.get("/public/v1/analytics/post/" + foreign), 403, """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");
        for (var id : List.of(UUID.randomUUID().toString(), "not-an-id")) {
            assertAnswer(tenant.get("/public/v1/analytics/post/" + id), 404, """
                    {"statusCode":404,"message":"Post not found","error":"Not Found"}""");
        }
    }

    private String published(String integration, String releaseId) {
        var post = draft(integration);
        jdbc.sql("update posts set state = 'PUBLISHED', release_id = :release where id = cast(:id as uuid)")
                .param("release", releaseId)
                .param("id", post)
                .update();
        return post;
    }

    private String draft(String integration) {
        return tenant.createPosts(draftBody(integration)).get(0).path("postId").asString();
    }

    private static String draftBody(String integration) {
        return """
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"numbers"}]}]}
                """.formatted(integration);
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
