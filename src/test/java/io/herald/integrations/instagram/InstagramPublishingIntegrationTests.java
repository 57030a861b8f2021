package io.herald.integrations.instagram;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.Browser;
import io.herald.integrations.ChannelsTest;
import io.herald.integrations.FakePlatforms;
import io.herald.integrations.Publishing;
import io.herald.integrations.meta.FakeFacebookLogin;
import io.herald.integrations.meta.Graph;
import io.herald.support.Forms;
import io.herald.support.HeraldClient;
import io.herald.support.PlatformStub.Received;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Instagram (spec §12) against the fake Instagram: a professional account found through the
 * Facebook page it is linked to; posts as media containers that are published once Instagram has
 * finished them (waiting, within a bound), a carousel, a reel; thread items as a first comment;
 * Instagram's error bodies in {@code error}; the app's rate limit delaying a post; and Instagram's
 * rules at create (media required, 2,200 characters, 10 items).
 */
@ChannelsTest
class InstagramPublishingIntegrationTests {

    private static final FakeInstagram instagram = FakePlatforms.INSTAGRAM;

    private static final FakeInstagram.Account STUDIO = new FakeInstagram.Account(
            "17841400000000001", "herald.studio", "Herald Studio", "https://scontent.cdninstagram.test/studio.jpg");

    private static final String MEDIA = Graph.VERSION + "/" + STUDIO.id() + "/media";

    private static final String PUBLISH = Graph.VERSION + "/" + STUDIO.id() + "/media_publish";

    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    /** The token of the page the connected account is linked to. */
    String pageToken;

    @BeforeEach
    void setUp() {
        instagram.reset();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @Test
    void connectsTheInstagramAccountLinkedToTheUsersPageWithItsPictureAndHandle() {
        instagram.links("2001", "A page without Instagram", null);
        instagram.links("2002", "Herald Studio page", STUDIO);
        var started = tenant.get("/public/v1/social/instagram");
        var authorization = Forms.queryOf(started.json().path("url").asString());
        assertThat(started.json().path("url").asString()).startsWith(instagram.url(Graph.VERSION + "/dialog/oauth?"));
        assertThat(authorization)
                .containsEntry("client_id", FakeFacebookLogin.CLIENT_ID)
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/integrations/oauth/instagram/callback")
                .containsEntry(
                        "scope",
                        "instagram_basic,instagram_content_publish,instagram_manage_comments,pages_show_list,"
                                + "pages_read_engagement");

        var page = Browser.open(Browser.authorize(started.json().path("url").asString()));

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Instagram account connected</h1>", "Herald Studio (@herald.studio)");
        var listed = tenant.get("/public/v1/integrations");
        var integration = listed.json().get(0).path("id").asString();
        assertAnswer(listed, 200, """
                [{"id":"%s","name":"Herald Studio","identifier":"instagram",
                  "picture":"https://scontent.cdninstagram.test/studio.jpg","disabled":false,"profile":"herald.studio"}]""".formatted(integration));
        assertThat(jdbc.sql("select config::text from integrations where id = :id")
                        .param("id", UUID.fromString(integration))
                        .query(String.class)
                        .single())
                .isEqualTo("{\"userId\": \"17841400000000001\"}");
        assertThat(instagram.received(Graph.VERSION + "/me/accounts").get(0).query())
                .contains("instagram_business_account");
    }

    @Test
    void aThreadOfTwoWithAnImageIsAContainerPublishedOnceFinishedThenAFirstComment() {
        var account = connect();
        var image = instagram.file("studio.jpg", JPEG);

        var postId = account.now("""
                {"content":"<p>New work</p>","image":[{"id":"1","path":"%s","alt":"A wall of prints"}]},
                {"content":"Credits in the comments","delay":0}""".formatted(image));

        await().atMost(Duration.ofSeconds(30)).until(() -> instagram.comments().size() == 1);
        var listed = account.awaitStatus(postId, "published");
        var published = instagram.media().get(0);
        var media = published.path("id").asString();
        var container = published.path("container").asString();
        assertThat(instagram.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "POST " + MEDIA,
                        "GET /v25.0/" + container,
                        "POST " + PUBLISH,
                        "GET /v25.0/" + media,
                        "POST /v25.0/" + media + "/comments");
        assertThat(instagram.received())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + pageToken));
        assertThat(form(instagram.received(MEDIA).get(0)))
                .containsExactly(
                        Map.entry("image_url", image),
                        Map.entry("alt_text", "A wall of prints"),
                        Map.entry("caption", "New work"));
        assertThat(instagram.received("/v25.0/" + container).get(0).query()).isEqualTo("fields=status_code%2Cstatus");
        assertThat(form(instagram.received(PUBLISH).get(0))).containsExactly(Map.entry("creation_id", container));
        assertThat(instagram.media()).hasSize(1);
        var comment = instagram.comments().get(0);
        assertThat(comment.path("on").asString()).isEqualTo(media);
        assertThat(comment.path("message").asString()).isEqualTo("Credits in the comments");
        assertThat(listed.path("releaseId").asString()).isEqualTo(media);
        assertThat(listed.path("releaseURL").asString())
                .isEqualTo("https://www.instagram.com/p/"
                        + published.path("shortcode").asString() + "/");
    }

    @Test
    void aContainerInProgressTwiceIsPublishedOnceInstagramHasFinishedIt() {
        var account = connect();
        instagram.processingLooks(2);
        var image = instagram.file("slow.jpg", JPEG);

        account.awaitStatus(
                account.now("{\"content\":\"Slow\",\"image\":[{\"id\":\"1\",\"path\":\"%s\"}]}".formatted(image)),
                "published");

        var container = instagram.media().get(0).path("container").asString();
        assertThat(instagram.received())
                .extracting(r -> r.method() + " " + r.path())
                .startsWith(
                        "POST " + MEDIA,
                        "GET /v25.0/" + container,
                        "GET /v25.0/" + container,
                        "GET /v25.0/" + container,
                        "POST " + PUBLISH);
        assertThat(instagram.received(PUBLISH)).hasSize(1);
        assertThat(instagram.media()).hasSize(1);
    }

    @Test
    void aContainerThatNeverFinishesFailsClearlyWithinTheBoundAndIsNotPublished() {
        var account = connect();
        instagram.processingLooks(Integer.MAX_VALUE);
        var image = instagram.file("stuck.jpg", JPEG);

        var failed = account.awaitStatus(
                account.now("{\"content\":\"Stuck\",\"image\":[{\"id\":\"1\",\"path\":\"%s\"}]}".formatted(image)),
                "failed");

        assertThat(failed.path("error").asString())
                .isEqualTo("Instagram had not finished processing the image after 2 s (status IN_PROGRESS); nothing"
                        + " was posted");
        assertThat(instagram.received(MEDIA)).hasSize(1);
        var looks = instagram.received().stream()
                .filter(r -> r.method().equals("GET"))
                .toList();
        assertThat(looks).hasSizeGreaterThan(2);
        assertThat(looks).extracting(Received::path).containsOnly(looks.get(0).path());
        // herald.providers.meta.container-timeout is 2s here; half a second for scheduling and the last answer
        assertThat(looks.get(looks.size() - 1).at() - looks.get(0).at()).isLessThan(2500);
        assertThat(instagram.received(PUBLISH)).isEmpty();
        assertThat(instagram.media()).isEmpty();
    }

    @Test
    void aCarouselIsItsItemsThenTheCarouselPublishedOnce() {
        var account = connect();
        var one = instagram.file("one.jpg", JPEG);
        var two = instagram.file("two.mp4", new byte[] {0, 0, 0, 24});
        var three = instagram.file("three.jpg", new byte[] {9});

        var postId = account.now("""
                {"content":"Three","image":[{"id":"1","path":"%s","alt":"not for items"},{"id":"2","path":"%s"},
                                            {"id":"3","path":"%s"}]}""".formatted(one, two, three));

        account.awaitStatus(postId, "published");
        var containers = instagram.received(MEDIA).stream()
                .map(InstagramPublishingIntegrationTests::form)
                .toList();
        assertThat(containers).hasSize(4);
        assertThat(containers.get(0))
                .containsExactly(Map.entry("image_url", one), Map.entry("is_carousel_item", "true"));
        assertThat(containers.get(1))
                .containsExactly(
                        Map.entry("media_type", "VIDEO"),
                        Map.entry("video_url", two),
                        Map.entry("is_carousel_item", "true"));
        assertThat(containers.get(2))
                .containsExactly(Map.entry("image_url", three), Map.entry("is_carousel_item", "true"));
        var carousel =
                instagram.container(instagram.media().get(0).path("container").asString());
        assertThat(carousel.type()).isEqualTo("CAROUSEL");
        assertThat(carousel.caption()).isEqualTo("Three");
        assertThat(carousel.children())
                .hasSize(3)
                .allSatisfy(
                        child -> assertThat(instagram.container(child).item()).isTrue());
        assertThat(instagram.container(carousel.children().get(1)).url()).isEqualTo(two);
        assertThat(instagram.received(PUBLISH)).hasSize(1);
        assertThat(instagram.media()).hasSize(1);
    }

    @Test
    void aVideoIsPublishedAsAReel() {
        var account = connect();
        var clip = instagram.file("clip.mp4", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});

        account.awaitStatus(
                account.now("{\"content\":\"Reel\",\"image\":[{\"id\":\"1\",\"path\":\"%s\"}]}".formatted(clip)),
                "published");

        assertThat(form(instagram.received(MEDIA).get(0)))
                .containsExactly(
                        Map.entry("media_type", "REELS"), Map.entry("video_url", clip), Map.entry("caption", "Reel"));
        assertThat(instagram.media()).hasSize(1);
    }

    @Test
    void instagramsRefusalReachesThePostsError() {
        var account = connect();
        var missing = instagram.url("/files/missing.jpg");

        var failed = account.awaitStatus(
                account.now("{\"content\":\"Gone\",\"image\":[{\"id\":\"1\",\"path\":\"%s\"}]}".formatted(missing)),
                "failed");

        assertThat(failed.path("error").asString())
                .isEqualTo("Instagram refused it (HTTP 400): Only photo or video can be accepted as media type. The"
                        + " media could not be fetched from this URI: " + missing + ". (code 9004, subcode 2207052)");
        assertThat(instagram.received(MEDIA)).hasSize(1);
        assertThat(instagram.received(PUBLISH)).isEmpty();
    }

    @Test
    void theAppsRateLimitDelaysThePostAndItIsThenPublishedOnce() {
        var account = connect();
        var image = instagram.file("later.jpg", JPEG);
        instagram.answerPublish(FakeInstagram.appLimit());

        var postId = account.now("{\"content\":\"Later\",\"image\":[{\"id\":\"1\",\"path\":\"%s\"}]}".formatted(image));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> instagram.received(PUBLISH).size() == 1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> account.listed(postId).path("state").asString().equals("QUEUE"));
        assertThat(account.listed(postId).path("error").isNull()).isTrue();

        var published = account.awaitStatus(postId, "published");

        var attempts = instagram.received(PUBLISH);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).at() - attempts.get(0).at()).isGreaterThanOrEqualTo(2000);
        // the first container was never published: Instagram never shows it
        assertThat(instagram.received(MEDIA)).hasSize(2);
        assertThat(instagram.media()).hasSize(1);
        assertThat(published.path("releaseId").asString())
                .isEqualTo(instagram.media().get(0).path("id").asString());
    }

    @Test
    void refusesWhatInstagramDoesNotTakeWhenThePostIsCreatedAndStoresNothing() {
        var account = connect();
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);
        var image = "{\"id\":\"1\",\"path\":\"https://cdn.test/a.jpg\"}";

        assertAnswer(
                account.schedule(
                        "{\"__type\":\"instagram\",\"post_type\":\"post\"}", "[{\"content\":\"Words alone\"}]"),
                400,
                """
                {"statusCode":400,"provider":"instagram","name":"Herald Studio",
                 "message":"The post needs at least one image or video"}""");
        assertAnswer(
                account.schedule("{}", "[{\"content\":\"" + "a".repeat(2201) + "\",\"image\":[" + image + "]}]"),
                400,
                """
                {"statusCode":400,"provider":"instagram","name":"Herald Studio",
                 "message":"The post is 2201 characters long; at most 2200 are allowed"}""");
        assertAnswer(
                account.schedule("{}", "[{\"content\":\"many\",\"image\":[" + (image + ",").repeat(10) + image + "]}]"),
                400,
                """
                {"statusCode":400,"provider":"instagram","name":"Herald Studio",
                 "message":"The post has 11 images; at most 10 are allowed"}""");
        assertAnswer(
                account.schedule(
                        "{}",
                        "[{\"content\":\"hi\",\"image\":[" + image + "]},{\"content\":\"c\",\"image\":[" + image
                                + "]}]"),
                400,
                """
                {"statusCode":400,"provider":"instagram","name":"Herald Studio",
                 "message":"Thread items are published as comments, which carry text only; this one has 1 media"}""");
        assertAnswer(
                account.schedule("{\"post_type\":\"story\"}", "[{\"content\":\"hi\",\"image\":[" + image + "]}]"),
                400,
                """
                {"statusCode":400,"provider":"instagram","name":"Herald Studio",
                 "message":"settings.post_type must be one of post"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
        var fits = account.schedule(
                "{\"__type\":\"instagram\",\"post_type\":\"post\"}",
                "[{\"content\":\"" + "a".repeat(2200) + "\",\"image\":[" + (image + ",").repeat(9) + image
                        + "]},{\"content\":\"A first comment\"}]");
        assertThat(fits.status()).as(fits.body()).isEqualTo(201);
    }

    @Test
    void aDraftWithoutMediaCannotBeScheduledAndStaysADraft() {
        var account = connect();
        var draft = tenant.createPosts("""
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"Image to come"}]}]}""".formatted(account.integration()))
                .get(0)
                .path("postId")
                .asString();
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);

        var scheduled = tenant.client()
                .put("/public/v1/posts/" + draft + "/status", tenant.apiKey(), "{\"status\":\"schedule\"}");

        assertAnswer(scheduled, 400, """
                {"statusCode":400,"provider":"instagram","name":"Herald Studio",
                 "message":"The post needs at least one image or video"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(account.listed(draft).path("status").asString()).isEqualTo("draft");
    }

    /** Connects the account linked to the user's one page; the requests so far are forgotten. */
    private Publishing connect() {
        pageToken = instagram.links("2002", "Herald Studio page", STUDIO);
        var integration = Browser.connect(tenant, "instagram");
        instagram.forgetRequests();
        return new Publishing(tenant, integration);
    }

    private static Map<String, String> form(Received request) {
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        return Forms.decode(request.bodyText());
    }
}
