package io.herald.integrations.threads;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.Browser;
import io.herald.integrations.ChannelsTest;
import io.herald.integrations.FakePlatforms;
import io.herald.integrations.Publishing;
import io.herald.support.Forms;
import io.herald.support.HeraldClient;
import io.herald.support.PlatformStub.Received;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Threads (spec §12) against the fake Threads: its own login with a long-lived token, renewed with
 * itself before it expires; text, image, video and carousel containers published once finished;
 * thread items as replies to the previous post; Threads' error bodies in {@code error}; a rate
 * limit delaying a post; and the 500-character limit at create.
 */
@ChannelsTest
class ThreadsPublishingIntegrationTests {

    private static final FakeThreads threads = FakePlatforms.THREADS;

    private static final String CONTAINERS = "/v1.0/" + FakeThreads.ME.id() + "/threads";

    private static final String PUBLISH = "/v1.0/" + FakeThreads.ME.id() + "/threads_publish";

    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        threads.reset();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @Test
    void connectsThroughThreadsOwnLoginAndKeepsALongLivedToken() {
        var started = tenant.get("/public/v1/social/threads");
        var url = started.json().path("url").asString();
        assertThat(url).startsWith(threads.url("/oauth/authorize?"));
        assertThat(Forms.queryOf(url))
                .containsEntry("client_id", FakeThreads.CLIENT_ID)
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/integrations/oauth/threads/callback")
                .containsEntry("scope", "threads_basic,threads_content_publish,threads_manage_replies")
                .containsEntry("response_type", "code")
                .containsKey("state");

        var page = Browser.open(Browser.authorize(url));

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        var listed = tenant.get("/public/v1/integrations");
        var integration = listed.json().get(0).path("id").asString();
        assertAnswer(listed, 200, """
                [{"id":"%s","name":"Herald Test","identifier":"threads","picture":"https://scontent.threads.test/me.jpg",
                  "disabled":false,"profile":"heraldtest"}]""".formatted(integration));
        var grants = threads.grants();
        assertThat(grants).hasSize(2);
        assertThat(grants.get(0))
                .containsOnlyKeys("client_id", "client_secret", "grant_type", "redirect_uri", "code")
                .containsEntry("grant_type", "authorization_code")
                .containsEntry("client_secret", FakeThreads.CLIENT_SECRET);
        assertThat(grants.get(1))
                .containsExactly(
                        Map.entry("grant_type", "th_exchange_token"),
                        Map.entry("client_secret", FakeThreads.CLIENT_SECRET),
                        Map.entry("access_token", threads.issuedTokens().get(0)));
        var stored = jdbc.sql("select config::text, token_expires_at from integrations where id = :id")
                .param("id", UUID.fromString(integration))
                .query()
                .singleRow();
        assertThat(stored.get("config")).isEqualTo("{\"userId\": \"" + FakeThreads.ME.id() + "\"}");
        var expires = ((Timestamp) stored.get("token_expires_at")).toInstant();
        assertThat(expires)
                .isBetween(
                        Instant.now().plus(Duration.ofDays(59)), Instant.now().plus(Duration.ofDays(61)));
    }

    @Test
    void aThreadOfTwoWithAnImageIsAnImagePostThenAReplyToIt() {
        var account = connect();
        var token = threads.issuedTokens().get(1);
        var image = threads.file("launch.jpg", JPEG);

        var postId = account.now("""
                {"content":"<p>Launch day</p>","image":[{"id":"1","path":"%s","alt":"The rocket"}]},
                {"content":"And a reply","delay":0}""".formatted(image));

        await().atMost(Duration.ofSeconds(30)).until(() -> threads.posts().size() == 2);
        var listed = account.awaitStatus(postId, "published");
        var first = threads.posts().get(0);
        var second = threads.posts().get(1);
        assertThat(threads.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "POST " + CONTAINERS,
                        "GET /v1.0/" + first.path("container").asString(),
                        "POST " + PUBLISH,
                        "GET /v1.0/" + first.path("id").asString(),
                        "POST " + CONTAINERS,
                        "GET /v1.0/" + second.path("container").asString(),
                        "POST " + PUBLISH,
                        "GET /v1.0/" + second.path("id").asString());
        assertThat(threads.received())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + token));
        var containers = threads.received(CONTAINERS);
        assertThat(form(containers.get(0)))
                .containsExactly(
                        Map.entry("media_type", "IMAGE"),
                        Map.entry("image_url", image),
                        Map.entry("alt_text", "The rocket"),
                        Map.entry("text", "Launch day"));
        assertThat(form(containers.get(1)))
                .containsExactly(
                        Map.entry("media_type", "TEXT"),
                        Map.entry("text", "And a reply"),
                        Map.entry("reply_to_id", first.path("id").asString()));
        assertThat(form(threads.received(PUBLISH).get(0)))
                .containsExactly(
                        Map.entry("creation_id", first.path("container").asString()));
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(first.path("id").asString());
        assertThat(listed.path("releaseURL").asString())
                .isEqualTo("https://www.threads.net/@heraldtest/post/"
                        + first.path("code").asString());
    }

    @Test
    void aCarouselIsItsItemsThenTheCarouselAndAVideoIsAVideoPost() {
        var account = connect();
        threads.processingLooks(1);
        var photo = threads.file("photo.jpg", JPEG);
        var clip = threads.file("clip.mp4", new byte[] {0, 0, 0, 24});

        account.awaitStatus(account.now("""
                        {"content":"Both","image":[{"id":"1","path":"%s"},{"id":"2","path":"%s"}]}""".formatted(photo, clip)), "published");
        account.awaitStatus(
                account.now("{\"content\":\"Moving\",\"image\":[{\"id\":\"2\",\"path\":\"%s\"}]}".formatted(clip)),
                "published");

        var containers = threads.received(CONTAINERS).stream()
                .map(ThreadsPublishingIntegrationTests::form)
                .toList();
        assertThat(containers).hasSize(4);
        assertThat(containers.get(0))
                .containsExactly(
                        Map.entry("media_type", "IMAGE"),
                        Map.entry("image_url", photo),
                        Map.entry("is_carousel_item", "true"));
        assertThat(containers.get(1))
                .containsExactly(
                        Map.entry("media_type", "VIDEO"),
                        Map.entry("video_url", clip),
                        Map.entry("is_carousel_item", "true"));
        var carousel =
                threads.container(threads.posts().get(0).path("container").asString());
        assertThat(carousel.type()).isEqualTo("CAROUSEL");
        assertThat(carousel.text()).isEqualTo("Both");
        assertThat(carousel.children()).hasSize(2);
        assertThat(containers.get(3))
                .containsExactly(
                        Map.entry("media_type", "VIDEO"), Map.entry("video_url", clip), Map.entry("text", "Moving"));
        assertThat(threads.posts()).hasSize(2);
        assertThat(threads.received(PUBLISH)).hasSize(2);
    }

    @Test
    void threadsRefusalReachesThePostsError() {
        var account = connect();
        var missing = threads.url("/files/missing.jpg");

        var failed = account.awaitStatus(
                account.now("{\"content\":\"Gone\",\"image\":[{\"id\":\"1\",\"path\":\"%s\"}]}".formatted(missing)),
                "failed");

        assertThat(failed.path("error").asString())
                .isEqualTo("Threads refused it (HTTP 400): The media could not be fetched from this URI: " + missing
                        + " (code 100)");
        assertThat(threads.received(PUBLISH)).isEmpty();
    }

    @Test
    void aRateLimitDelaysThePostAndItIsThenPublishedOnce() {
        var account = connect();
        threads.answerPublish(FakeThreads.customLimit());

        var postId = account.now("{\"content\":\"Patience\"}");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> threads.received(PUBLISH).size() == 1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> account.listed(postId).path("state").asString().equals("QUEUE"));
        assertThat(account.listed(postId).path("error").isNull()).isTrue();

        var published = account.awaitStatus(postId, "published");

        var attempts = threads.received(PUBLISH);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).at() - attempts.get(0).at()).isGreaterThanOrEqualTo(2000);
        assertThat(threads.posts()).hasSize(1);
        assertThat(published.path("releaseId").asString())
                .isEqualTo(threads.posts().get(0).path("id").asString());
    }

    @Test
    void aLongLivedTokenAboutToExpireIsRenewedWithItselfBeforeThePost() {
        threads.tokensLast(60);
        var account = connect();
        var lapsing = threads.issuedTokens().get(1);
        threads.tokensLast(5_184_000);

        account.awaitStatus(account.now("{\"content\":\"Renewed\"}"), "published");
        account.awaitStatus(account.now("{\"content\":\"Still renewed\"}"), "published");

        var refreshes = threads.grants().stream()
                .filter(grant -> "th_refresh_token".equals(grant.get("grant_type")))
                .toList();
        assertThat(refreshes).containsExactly(Map.of("grant_type", "th_refresh_token", "access_token", lapsing));
        var renewed = threads.issuedTokens().get(2);
        assertThat(threads.accepts(lapsing)).isFalse();
        assertThat(threads.received(PUBLISH))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + renewed));
    }

    @Test
    void refusesWhatThreadsDoesNotTakeWhenThePostIsCreatedAndStoresNothing() {
        var account = connect();
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);
        var image = "{\"id\":\"1\",\"path\":\"https://cdn.test/a.jpg\"}";

        assertAnswer(
                account.schedule("{}", "[{\"content\":\"hi\"},{\"content\":\"" + "a".repeat(501) + "\"}]"), 400, """
                {"statusCode":400,"provider":"threads","name":"Herald Test",
                 "message":"The post is 501 characters long; at most 500 are allowed"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
        var fits = account.schedule(
                "{}",
                "[{\"content\":\"" + "a".repeat(500) + "\"},{\"content\":\"with media\",\"image\":["
                        + (image + ",").repeat(19) + image + "]}]");
        assertThat(fits.status()).as(fits.body()).isEqualTo(201);
    }

    /** Connects the Threads account; the requests so far are forgotten (its tokens stay). */
    private Publishing connect() {
        var integration = Browser.connect(tenant, "threads");
        threads.forgetRequests();
        return new Publishing(tenant, integration);
    }

    private static Map<String, String> form(Received request) {
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        return Forms.decode(request.bodyText());
    }
}
