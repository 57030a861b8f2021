package io.herald.integrations.facebook;

import static io.herald.support.ExactJson.assertAnswer;
import static io.herald.support.ExactJson.assertProblem;
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
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Facebook pages (spec §12) against the fake Facebook: a page chosen among the user's pages after
 * Facebook Login, publishing with that page's token; photos uploaded unpublished and attached to the
 * feed post, a link, a video; thread items as comments on the post; Facebook's error bodies in
 * {@code error}; its page-level rate limit delaying a post; and Facebook's rules at create.
 */
@ChannelsTest
class FacebookPublishingIntegrationTests {

    private static final FakeFacebook facebook = FakePlatforms.FACEBOOK;

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    /** The token of the page {@link #connect()} connects. */
    String pageToken;

    @BeforeEach
    void setUp() {
        facebook.reset();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @Test
    void choosingOneOfTheAccountsTwoPagesMakesOneIntegrationWithThatPagesTokenAndName() {
        facebook.manages("1001", "Herald Cafe", "heraldcafe");
        var booksToken = facebook.manages("1002", "Herald Books", null);
        var started = tenant.client()
                .post(
                        "/admin/v1/organizations/" + tenant.id() + "/integrations/connect",
                        Tenant.ADMIN,
                        "{\"provider\":\"facebook\"}");
        var url = started.json().path("url").asString();
        assertThat(url).startsWith(facebook.url(Graph.VERSION + "/dialog/oauth?"));
        var authorization = Forms.queryOf(url);
        assertThat(authorization)
                .containsEntry("client_id", FakeFacebookLogin.CLIENT_ID)
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/integrations/oauth/facebook/callback")
                .containsEntry("response_type", "code")
                .containsEntry(
                        "scope", "pages_show_list,pages_read_engagement,pages_manage_posts,pages_manage_engagement")
                .containsKey("state");
        var callback = Browser.authorize(url);

        var offer = Browser.open(callback);

        assertThat(offer.status()).as(offer.body()).isEqualTo(200);
        assertThat(offer.body())
                .contains(
                        "<h1>Choose the Facebook page to connect</h1>",
                        "<button type=\"submit\" name=\"account\" value=\"1001\">Herald Cafe (heraldcafe)</button>",
                        "<button type=\"submit\" name=\"account\" value=\"1002\">Herald Books</button>");
        assertThat(tenant.get("/public/v1/integrations").json()).isEmpty();
        var grants = facebook.login().grants();
        assertThat(grants).hasSize(2);
        assertThat(grants.get(0))
                .containsOnlyKeys("client_id", "redirect_uri", "client_secret", "code")
                .containsEntry("client_secret", FakeFacebookLogin.CLIENT_SECRET)
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/integrations/oauth/facebook/callback");
        assertThat(grants.get(1))
                .containsEntry("grant_type", "fb_exchange_token")
                .containsEntry(
                        "fb_exchange_token", facebook.login().issuedTokens().get(0));
        var token = TOKEN.matcher(offer.body());
        assertThat(token.find()).isTrue();

        var chosen = Browser.submit(callback, "choose", "token=" + token.group(1) + "&account=1002");

        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(chosen.body()).contains("<h1>Facebook account connected</h1>", "Herald Books is connected.");
        var listed = tenant.get("/public/v1/integrations");
        var integration = listed.json().get(0).path("id").asString();
        assertAnswer(listed, 200, """
                [{"id":"%s","name":"Herald Books","identifier":"facebook","picture":"https://scontent.fb.test/1002.jpg",
                  "disabled":false,"profile":null}]""".formatted(integration));
        assertThat(jdbc.sql("select config::text from integrations where id = :id")
                        .param("id", UUID.fromString(integration))
                        .query(String.class)
                        .single())
                .isEqualTo("{\"pageId\": \"1002\"}");
        assertThat(Browser.submit(callback, "choose", "token=" + token.group(1) + "&account=1001")
                        .status())
                .isEqualTo(400);
        assertThat(tenant.get("/public/v1/integrations").json()).hasSize(1);

        var publishing = new Publishing(tenant, integration);
        publishing.awaitStatus(publishing.now("{\"content\":\"From the books page\"}"), "published");

        var feed = facebook.received(Graph.VERSION + "/1002/feed");
        assertThat(feed).hasSize(1);
        assertThat(feed.get(0).header("Authorization")).isEqualTo("Bearer " + booksToken);
        assertThat(facebook.received(Graph.VERSION + "/1001/feed")).isEmpty();
    }

    @Test
    void aThreadOfTwoWithAnImageIsAPhotoAttachedToThePostThenACommentOnIt() {
        var page = connect();
        var image = facebook.file("launch.jpg", JPEG);

        var postId = page.now("""
                {"content":"<p>Launch day</p>","image":[{"id":"1","path":"%s","alt":"The rocket"}]},
                {"content":"More in the comments","delay":0}""".formatted(image));

        await().atMost(Duration.ofSeconds(30)).until(() -> facebook.comments().size() == 1);
        var listed = page.awaitStatus(postId, "published");
        var post = facebook.posts().get(0);
        var postNumber = post.path("id").asString().substring("1001_".length());
        var comment = facebook.comments().get(0);
        var photoId = post.path("attached_media").get(0).asString();
        assertThat(facebook.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "POST /v25.0/1001/photos",
                        "POST /v25.0/1001/feed",
                        "GET /v25.0/" + post.path("id").asString(),
                        "POST /v25.0/" + post.path("id").asString() + "/comments",
                        "GET /v25.0/" + comment.path("id").asString());
        assertThat(facebook.received()).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + pageToken);
            assertThat(r.query())
                    .as("no token in any URL")
                    .isEqualTo(r.method().equals("GET") ? "fields=permalink_url" : null);
        });
        assertThat(form(facebook.received(Graph.VERSION + "/1001/photos").get(0)))
                .containsExactly(
                        Map.entry("url", image),
                        Map.entry("published", "false"),
                        Map.entry("alt_text_custom", "The rocket"));
        assertThat(form(facebook.received(Graph.VERSION + "/1001/feed").get(0)))
                .containsExactly(
                        Map.entry("message", "Launch day"),
                        Map.entry("attached_media[0]", "{\"media_fbid\":\"" + photoId + "\"}"));
        assertThat(facebook.photo(photoId).url()).isEqualTo(image);
        assertThat(facebook.photo(photoId).published()).isFalse();
        assertThat(facebook.posts()).hasSize(1);
        assertThat(comment.path("on").asString()).isEqualTo(post.path("id").asString());
        assertThat(comment.path("from").asString()).isEqualTo("1001");
        assertThat(comment.path("message").asString()).isEqualTo("More in the comments");
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(post.path("id").asString());
        assertThat(listed.path("releaseURL").asString()).isEqualTo("https://www.facebook.com/1001/posts/" + postNumber);
    }

    @Test
    void severalPhotosAndPostizsLinkSettingMakeOnePost() {
        var page = connect();
        var one = facebook.file("one.jpg", JPEG);
        var two = facebook.file("two.jpg", new byte[] {4, 5, 6});
        var three = facebook.file("three.jpg", new byte[] {7, 8});

        var postId = page.now(
                "{\"__type\":\"facebook\",\"url\":\"https://herald.test/launch\"}", """
                {"content":"Three views","image":[{"id":"1","path":"%s"},{"id":"2","path":"%s"},{"id":"3","path":"%s"}]}""".formatted(one, two, three));

        page.awaitStatus(postId, "published");
        var uploads = facebook.received(Graph.VERSION + "/1001/photos");
        assertThat(uploads).extracting(r -> form(r).get("url")).containsExactly(one, two, three);
        assertThat(uploads).allSatisfy(r -> assertThat(form(r)).containsEntry("published", "false"));
        var post = facebook.posts().get(0);
        assertThat(post.path("link").asString()).isEqualTo("https://herald.test/launch");
        assertThat(post.path("attached_media")).hasSize(3);
        assertThat(post.path("attached_media").get(2).asString())
                .satisfies(id -> assertThat(facebook.photo(id).url()).isEqualTo(three));
        assertThat(form(facebook.received(Graph.VERSION + "/1001/feed").get(0)))
                .containsKeys("message", "link", "attached_media[0]", "attached_media[1]", "attached_media[2]");
    }

    @Test
    void aTextPostIsTheFeedPostAlone() {
        var page = connect();

        page.awaitStatus(page.now("{\"content\":\"<p>Just words</p>\"}"), "published");

        assertThat(facebook.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly(
                        "POST /v25.0/1001/feed",
                        "GET /v25.0/" + facebook.posts().get(0).path("id").asString());
        assertThat(form(facebook.received(Graph.VERSION + "/1001/feed").get(0)))
                .containsExactly(Map.entry("message", "Just words"));
    }

    @Test
    void aVideoGoesToTheVideosEdgeWithItsDescription() {
        var page = connect();
        var clip = facebook.file("clip.mp4", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});

        var postId =
                page.now("{\"content\":\"Watch this\",\"image\":[{\"id\":\"v\",\"path\":\"%s\"}]}".formatted(clip));

        var listed = page.awaitStatus(postId, "published");
        var video = facebook.videos().get(0);
        assertThat(form(facebook.received(Graph.VERSION + "/1001/videos").get(0)))
                .containsExactly(Map.entry("file_url", clip), Map.entry("description", "Watch this"));
        assertThat(facebook.received(Graph.VERSION + "/1001/feed")).isEmpty();
        assertThat(facebook.received(Graph.VERSION + "/1001/photos")).isEmpty();
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(video.path("id").asString());
        assertThat(listed.path("releaseURL").asString())
                .isEqualTo("https://www.facebook.com/1001/videos/"
                        + video.path("id").asString() + "/");
    }

    @Test
    void facebooksRefusalReachesThePostsErrorAndIsNotRepeated() {
        var page = connect();
        facebook.answerFeed(Graph.error(400, 506, 0, "OAuthException", "(#506) Duplicate status message"));

        var failed = page.awaitStatus(page.now("{\"content\":\"Said before\"}"), "failed");

        assertThat(failed.path("error").asString())
                .isEqualTo("Facebook refused it (HTTP 400): (#506) Duplicate status message (code 506)");
        assertThat(facebook.received(Graph.VERSION + "/1001/feed")).hasSize(1);
        assertThat(facebook.posts()).isEmpty();
    }

    @Test
    void thePagesRateLimitDelaysThePostAndItIsThenPublishedOnce() {
        var page = connect();
        facebook.answerFeed(FakeFacebook.pageLimit("1001"));

        var postId = page.now("{\"content\":\"Patience\"}");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> facebook.received(Graph.VERSION + "/1001/feed").size() == 1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> page.listed(postId).path("state").asString().equals("QUEUE"));
        var waiting = page.listed(postId);
        assertThat(waiting.path("status").asString()).isEqualTo("scheduled");
        assertThat(waiting.path("error").isNull()).isTrue();

        var published = page.awaitStatus(postId, "published");

        var attempts = facebook.received(Graph.VERSION + "/1001/feed");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).at() - attempts.get(0).at()).isGreaterThanOrEqualTo(2000);
        assertThat(attempts.get(1).bodyText()).isEqualTo(attempts.get(0).bodyText());
        assertThat(facebook.posts()).hasSize(1);
        assertThat(published.path("releaseId").asString())
                .isEqualTo(facebook.posts().get(0).path("id").asString());
    }

    @Test
    void refusesWhatFacebookDoesNotTakeWhenThePostIsCreatedAndStoresNothing() {
        var page = connect();
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);

        assertAnswer(page.schedule("{}", "[{\"content\":\"" + "a".repeat(63_207) + "\"}]"), 400, """
                {"statusCode":400,"provider":"facebook","name":"Herald Cafe",
                 "message":"The post is 63207 characters long; at most 63206 are allowed"}""");
        assertAnswer(
                page.schedule(
                        "{}",
                        "[{\"content\":\"hi\",\"image\":[{\"id\":\"1\",\"path\":\"https://cdn.test/a.mp4\"},"
                                + "{\"id\":\"2\",\"path\":\"https://cdn.test/b.jpg\"}]}]"),
                400,
                """
                {"statusCode":400,"provider":"facebook","name":"Herald Cafe",
                 "message":"The post has a video and images; a video must be the only media of its post"}""");
        assertAnswer(
                page.schedule(
                        "{}",
                        "[{\"content\":\"hi\"},{\"content\":\"c\",\"image\":[{\"id\":\"1\",\"path\":\"https://cdn.test/a.jpg\"}]}]"),
                400,
                """
                {"statusCode":400,"provider":"facebook","name":"Herald Cafe",
                 "message":"Thread items are published as comments, which carry text only; this one has 1 media"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(page.schedule("{}", "[{\"content\":\"" + "a".repeat(63_206) + "\"}]")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aDeclinedPermissionOrACancelledDialogConnectsNothing() {
        facebook.manages("1001", "Herald Cafe", "heraldcafe");
        facebook.login().decline("pages_manage_posts");

        var declined = Browser.open(Browser.authorize(start()));

        assertThat(declined.status()).isEqualTo(400);
        assertThat(declined.body())
                .contains("The authorization did not grant pages_manage_posts, which Herald needs to publish; connect"
                        + " again and allow it. Nothing was changed.");
        facebook.login().deny("access_denied");
        var cancelled = Browser.open(Browser.authorize(start()));
        assertThat(cancelled.status()).isEqualTo(400);
        assertThat(cancelled.body())
                .contains("Facebook did not authorize Herald: access_denied (Permissions error). Nothing was changed.");
        assertThat(tenant.get("/public/v1/integrations").json()).isEmpty();
    }

    @Test
    void aPageGivenByHandPublishesWithItsTokenAndAnIdThatIsNoPageIdIsRefused() {
        var token = facebook.manages("1001", "Herald Cafe", "heraldcafe");
        var path = "/admin/v1/organizations/" + tenant.id() + "/integrations";
        var refused = tenant.client().post(path, Tenant.ADMIN, """
                        {"name":"Page","identifier":"facebook","config":{"pageId":"../me","accessToken":"t"}}""");
        assertProblem(refused, 400, """
                {"title":"Bad Request","status":400,"detail":"config.pageId must be the page's numeric id",
                 "instance":"%s","errors":["config.pageId must be the page's numeric id"],
                 "supportedProviders":["bluesky","discord","facebook","instagram","linkedin","linkedin-page","mastodon","slack","telegram","threads","webhook","x"]}""".formatted(path));
        assertThat(tenant.get("/public/v1/integrations").json()).isEmpty();
        var integration =
                tenant.integration("Cafe", "facebook", "{\"pageId\":\"1001\",\"accessToken\":\"" + token + "\"}");
        var page = new Publishing(tenant, integration);

        page.awaitStatus(page.now("{\"content\":\"By hand\"}"), "published");

        assertThat(facebook.received(Graph.VERSION + "/1001/feed").get(0).header("Authorization"))
                .isEqualTo("Bearer " + token);
    }

    /** Connects the one page the user manages ("Herald Cafe", 1001); its requests so far are forgotten. */
    private Publishing connect() {
        pageToken = facebook.manages("1001", "Herald Cafe", "heraldcafe");
        var integration = Browser.connect(tenant, "facebook");
        facebook.forgetRequests();
        return new Publishing(tenant, integration);
    }

    private String start() {
        return tenant.client()
                .post(
                        "/admin/v1/organizations/" + tenant.id() + "/integrations/connect",
                        Tenant.ADMIN,
                        "{\"provider\":\"facebook\"}")
                .json()
                .path("url")
                .asString();
    }

    private static Map<String, String> form(Received request) {
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        return Forms.decode(request.bodyText());
    }
}
