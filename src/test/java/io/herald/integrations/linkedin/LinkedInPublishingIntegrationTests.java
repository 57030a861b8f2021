package io.herald.integrations.linkedin;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.Browser;
import io.herald.integrations.ChannelsTest;
import io.herald.integrations.FakePlatforms;
import io.herald.support.HeraldClient;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * LinkedIn (spec §12) against the fake LinkedIn: a member ({@code linkedin}) and a page
 * ({@code linkedin-page}, chosen among the member's pages after the callback) connected through
 * LinkedIn's authorization; posts with images through initializeUpload, the upload and the image's
 * URN, with the versioned headers on every call; thread items as comments; LinkedIn's error bodies
 * in {@code error}; the 3,000-character limit at create; and tokens that lapse.
 */
@ChannelsTest
class LinkedInPublishingIntegrationTests {

    private static final FakeLinkedIn linkedin = FakePlatforms.LINKEDIN;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 9, 8, 7};

    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        linkedin.reset();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @Test
    void aMembersPostWithAnImageGoesThroughTheUploadAndCarriesTheVersionedHeaders() throws Exception {
        var integration = Browser.connect(tenant, "linkedin");
        assertAnswer(tenant.get("/public/v1/integrations"), 200, """
                [{"id":"%s","name":"Ada Lovelace","identifier":"linkedin","picture":"https://media.licdn.test/ada.jpg",
                  "disabled":false,"profile":null}]""".formatted(integration));
        var image = linkedin.file("engine.png", PNG);
        var token = linkedin.issuedTokens().get(0);

        var postId = nowPost(integration, """
                {"content":"<p>The (analytical) engine #1 runs_fast</p>","image":[{"id":"1","path":"%s","alt":"Gears"}]},
                {"content":"A first comment","delay":0},{"content":"And a second","delay":0}""".formatted(image));

        await().atMost(Duration.ofSeconds(30)).until(() -> linkedin.comments().size() == 2);
        var listed = awaitStatus(postId, "published");
        var post = linkedin.posts().get(0);
        var urn = post.path("content").path("media").path("id").asString();
        assertThat(linkedin.received())
                .extracting(r -> r.method() + " " + r.path())
                .containsSubsequence(
                        "GET /files/engine.png",
                        "POST /rest/images",
                        "PUT /upload/" + urn.substring("urn:li:image:".length()),
                        "POST /rest/posts");
        assertThat(linkedin.image(urn)).isEqualTo(PNG);
        JSONAssert.assertEquals(
                """
                {"author":"urn:li:person:aBcD3fG","commentary":"The \\\\(analytical\\\\) engine \\\\#1 runs\\\\_fast",
                 "visibility":"PUBLIC",
                 "distribution":{"feedDistribution":"MAIN_FEED","targetEntities":[],"thirdPartyDistributionChannels":[]},
                 "content":{"media":{"id":"%s","altText":"Gears"}},
                 "lifecycleState":"PUBLISHED","isReshareDisabledByAuthor":false,"id":"%s"}""".formatted(urn, post.path("id").asString()), post.toString(), JSONCompareMode.STRICT);
        JSONAssert.assertEquals(
                "{\"initializeUploadRequest\":{\"owner\":\"urn:li:person:aBcD3fG\"}}",
                linkedin.received("/rest/images").get(0).bodyText(),
                JSONCompareMode.STRICT);
        assertThat(linkedin.received().stream().filter(r -> r.path().startsWith("/rest/")))
                .hasSize(4)
                .allSatisfy(r -> {
                    assertThat(r.header("LinkedIn-Version")).isEqualTo(FakeLinkedIn.VERSION);
                    assertThat(r.header("X-Restli-Protocol-Version")).isEqualTo("2.0.0");
                    assertThat(r.header("Authorization")).isEqualTo("Bearer " + token);
                });
        assertThat(listed.path("releaseId").asString())
                .isEqualTo(post.path("id").asString());
        assertThat(listed.path("releaseURL").asString())
                .isEqualTo("https://www.linkedin.com/feed/update/"
                        + post.path("id").asString());
        // thread items are comments on the post, in order, by the member
        var comments = linkedin.comments();
        assertThat(comments)
                .extracting(c -> c.path("message").path("text").asString())
                .containsExactly("A first comment", "And a second");
        assertThat(comments).allSatisfy(comment -> {
            assertThat(comment.path("object").asString())
                    .isEqualTo(post.path("id").asString());
            assertThat(comment.path("actor").asString()).isEqualTo("urn:li:person:aBcD3fG");
        });
        assertThat(linkedin.received().stream().filter(r -> r.path().endsWith("/comments")))
                .allSatisfy(r -> assertThat(URLDecoder.decode(r.path(), StandardCharsets.UTF_8))
                        .isEqualTo("/rest/socialActions/" + post.path("id").asString() + "/comments"));
    }

    @Test
    void aPageIsChosenAmongTheMembersPagesAndPostsAsTheOrganization() throws Exception {
        linkedin.administers("123", "Analytical Engines", "engines");
        linkedin.administers("456", "Difference Ltd", "difference");
        var started = tenant.client()
                .post(
                        "/admin/v1/organizations/" + tenant.id() + "/integrations/connect",
                        Tenant.ADMIN,
                        "{\"provider\":\"linkedin-page\"}");
        var callback = Browser.authorize(started.json().path("url").asString());

        var offer = Browser.open(callback);

        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.body())
                .contains(
                        "<h1>Choose the LinkedIn page to connect</h1>",
                        "<button type=\"submit\" name=\"account\" value=\"123\">Analytical Engines (engines)</button>",
                        "<button type=\"submit\" name=\"account\" value=\"456\">Difference Ltd (difference)</button>");
        assertThat(tenant.get("/public/v1/integrations").json()).isEmpty();
        var token = TOKEN.matcher(offer.body());
        assertThat(token.find()).isTrue();

        var chosen = Browser.submit(callback, "choose", "token=" + token.group(1) + "&account=456");

        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(chosen.body()).contains("<h1>LinkedIn account connected</h1>", "Difference Ltd (@difference)");
        var listed = tenant.get("/public/v1/integrations");
        var integration = listed.json().get(0).path("id").asString();
        assertAnswer(listed, 200, """
                [{"id":"%s","name":"Difference Ltd","identifier":"linkedin-page","picture":null,
                  "disabled":false,"profile":"difference"}]""".formatted(integration));
        assertThat(jdbc.sql("select config::text from integrations where id = :id")
                        .param("id", UUID.fromString(integration))
                        .query(String.class)
                        .single())
                .isEqualTo("{\"author\": \"urn:li:organization:456\"}");
        var again = Browser.submit(callback, "choose", "token=" + token.group(1) + "&account=123");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).contains("This connection attempt is unknown or was already used.");
        assertThat(tenant.get("/public/v1/integrations").json()).hasSize(1);

        var first = linkedin.file("one.png", PNG);
        var second = linkedin.file("two.png", new byte[] {1, 2, 3});
        var postId = nowPost(integration, """
                {"content":"Two images","image":[{"id":"1","path":"%s"},{"id":"2","path":"%s"}]}""".formatted(first, second));

        awaitStatus(postId, "published");
        var post = linkedin.posts().get(0);
        assertThat(post.path("author").asString()).isEqualTo("urn:li:organization:456");
        var images = post.path("content").path("multiImage").path("images");
        assertThat(images).hasSize(2);
        assertThat(linkedin.image(images.get(0).path("id").asString())).isEqualTo(PNG);
        assertThat(linkedin.image(images.get(1).path("id").asString())).isEqualTo(new byte[] {1, 2, 3});
        assertThat(linkedin.received("/rest/images"))
                .allSatisfy(r -> assertThat(r.bodyText()).contains("\"owner\":\"urn:li:organization:456\""));
    }

    @Test
    void aMemberWithOnePageConnectsItWithoutAChoiceAndOneWithNoneIsTold() {
        var none = tenant.client()
                .post(
                        "/admin/v1/organizations/" + tenant.id() + "/integrations/connect",
                        Tenant.ADMIN,
                        "{\"provider\":\"linkedin-page\"}");
        var refused = Browser.open(Browser.authorize(none.json().path("url").asString()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("This LinkedIn account has nothing Herald can publish as");
        linkedin.administers("123", "Analytical Engines", "engines");

        Browser.connect(tenant, "linkedin-page");

        assertThat(tenant.get("/public/v1/integrations")
                        .json()
                        .get(0)
                        .path("name")
                        .asString())
                .isEqualTo("Analytical Engines");
    }

    @Test
    void linkedInsRefusalReachesThePostsError() {
        var integration = Browser.connect(tenant, "linkedin");
        linkedin.refusePosts(
                422,
                "{\"message\":\"ERROR :: /commentary :: Hashtag template is malformed\",\"status\":422,"
                        + "\"code\":\"UNPROCESSABLE_ENTITY\"}");

        var failed = awaitStatus(nowPost(integration, "{\"content\":\"No\"}"), "failed");

        assertThat(failed.path("error").asString())
                .isEqualTo("LinkedIn refused it (HTTP 422): ERROR :: /commentary :: Hashtag template is malformed");
        assertThat(linkedin.received("/rest/posts")).hasSize(1);
        assertThat(linkedin.posts()).isEmpty();
    }

    @Test
    void refusesWhatLinkedInDoesNotTakeWhenThePostIsCreated() {
        var integration = Browser.connect(tenant, "linkedin");
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);

        assertAnswer(create(integration, "[{\"content\":\"" + "a".repeat(3001) + "\"}]"), 400, """
                {"statusCode":400,"provider":"linkedin","name":"Ada Lovelace",
                 "message":"The post is 3001 characters long; at most 3000 are allowed"}""");
        assertAnswer(
                create(
                        integration,
                        "[{\"content\":\"hi\"},{\"content\":\"c\",\"image\":[{\"id\":\"1\",\"path\":\"https://cdn.test/a.png\"}]}]"),
                400,
                """
                {"statusCode":400,"provider":"linkedin","name":"Ada Lovelace",
                 "message":"Thread items are published as comments, which carry text only; this one has 1 media"}""");
        assertAnswer(
                create(
                        integration,
                        "[{\"content\":\"hi\",\"image\":[{\"id\":\"1\",\"path\":\"https://cdn.test/a.mp4\"}]}]"),
                400,
                """
                {"statusCode":400,"provider":"linkedin","name":"Ada Lovelace",
                 "message":"The post has a video; videos are not supported here"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(create(integration, "[{\"content\":\"" + "a".repeat(3000) + "\"}]")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aTokenAboutToLapseIsRefreshedWhereLinkedInGaveARefreshToken() {
        linkedin.issueRefreshTokens();
        linkedin.tokensLast(60);
        var integration = Browser.connect(tenant, "linkedin");
        var lapsing = linkedin.issuedTokens().get(0);
        linkedin.tokensLast(5_184_000);

        awaitStatus(nowPost(integration, "{\"content\":\"Renewed\"}"), "published");

        var refresh = linkedin.grants().stream()
                .filter(grant -> "refresh_token".equals(grant.get("grant_type")))
                .toList();
        assertThat(refresh).hasSize(1);
        assertThat(refresh.get(0))
                .containsEntry("client_id", FakeLinkedIn.CLIENT_ID)
                .containsEntry("client_secret", FakeLinkedIn.CLIENT_SECRET);
        assertThat(linkedin.received("/rest/posts").get(0).header("Authorization"))
                .isNotEqualTo("Bearer " + lapsing);
    }

    @Test
    void aLapsedTokenWithoutARefreshTokenAsksForTheAccountToBeConnectedAgain() {
        linkedin.tokensLast(1);
        var integration = Browser.connect(tenant, "linkedin");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> jdbc.sql("select token_expires_at < now() from integrations where id = :id")
                        .param("id", UUID.fromString(integration))
                        .query(Boolean.class)
                        .single());

        var failed = awaitStatus(nowPost(integration, "{\"content\":\"Too late\"}"), "failed");

        assertThat(failed.path("error").asString())
                .startsWith("The channel Ada Lovelace (linkedin) must be reconnected: its access token expired at ")
                .endsWith(" and LinkedIn gave no refresh token to renew it. Connect its account again (GET"
                        + " /public/v1/social/linkedin), then schedule the post again; it was not sent.");
        assertThat(tenant.get("/public/v1/integrations")
                        .json()
                        .get(0)
                        .path("refreshNeeded")
                        .asBoolean())
                .isTrue();
        assertThat(linkedin.received("/rest/posts")).isEmpty();
        assertThat(linkedin.grants()).hasSize(1);
    }

    private HeraldClient.Response create(String integration, String values) {
        return tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":%s}]}""".formatted(integration, values));
    }

    private String nowPost(String integration, String values) {
        return tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[%s]}]}""".formatted(integration, values))
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
