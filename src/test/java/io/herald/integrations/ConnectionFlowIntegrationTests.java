package io.herald.integrations;

import static io.herald.support.ExactJson.assertAnswer;
import static io.herald.support.ExactJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.integrations.x.FakeX;
import io.herald.support.Forms;
import io.herald.support.HeraldClient;
import io.herald.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Connecting an account the way Postiz users do (spec §12), against the fake X: the authorization
 * URL, the browser's trip to the platform and back to the callback, the token exchange with PKCE,
 * and the integration it makes; single-use, expiring, organization-bound states; reconnecting; and
 * every way it can go wrong ending on a page that says so, with nothing changed.
 */
@ChannelsTest
class ConnectionFlowIntegrationTests {

    private static final FakeX x = FakePlatforms.X;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HeraldClient client;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        x.reset();
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
    }

    @Test
    void connectsAnXAccountThroughTheAuthorizationAndPkce() {
        var started = connect("{\"provider\":\"x\"}");

        assertThat(started.status()).as(started.body()).isEqualTo(200);
        var url = started.json().path("url").asString();
        assertThat(url).startsWith(x.url("/i/oauth2/authorize?"));
        var query = Forms.queryOf(url);
        assertThat(query.keySet())
                .containsExactly(
                        "response_type",
                        "client_id",
                        "redirect_uri",
                        "scope",
                        "state",
                        "code_challenge",
                        "code_challenge_method");
        assertThat(query)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", FakeX.CLIENT_ID)
                .containsEntry("redirect_uri", "http://127.0.0.1:" + port + "/integrations/oauth/x/callback")
                .containsEntry("scope", "tweet.read tweet.write users.read media.write offline.access")
                .containsEntry("code_challenge_method", "S256");
        assertThat(query.get("state")).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");

        var callback = Browser.authorize(url);
        assertThat(callback).startsWith("http://127.0.0.1:" + port + "/integrations/oauth/x/callback?state=");
        var page = Browser.open(callback);

        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(page.body()).contains("<h1>X account connected</h1>", "Herald Test (@heraldtest) is connected.");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        // the code went with the verifier whose S256 is the challenge of the URL, once
        var grant = x.grants("authorization_code");
        assertThat(grant).hasSize(1);
        assertThat(grant.get(0).get("redirect_uri")).isEqualTo(query.get("redirect_uri"));
        assertThat(FakeX.challenge(grant.get(0).get("code_verifier"))).isEqualTo(query.get("code_challenge"));
        var listed = tenant.get("/public/v1/integrations");
        var id = listed.json().get(0).path("id").asString();
        assertAnswer(listed, 200, """
                [{"id":"%s","name":"Herald Test","identifier":"x","picture":"https://pbs.x.test/me.jpg",
                  "disabled":false,"profile":"heraldtest"}]""".formatted(id));
        assertThat(page.body()).contains("<code>" + id + "</code>");
        var row = jdbc.sql("select account_id, config::text, token_expires_at, refresh_needed from integrations"
                        + " where id = :id")
                .param("id", UUID.fromString(id))
                .query()
                .singleRow();
        assertThat(row.get("account_id")).isEqualTo(FakeX.ME.id());
        assertThat(row.get("config")).isEqualTo("{}");
        assertThat(row.get("refresh_needed")).isEqualTo(false);
        assertThat(((java.sql.Timestamp) row.get("token_expires_at")).toInstant())
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(115)),
                        Instant.now().plus(Duration.ofMinutes(121)));
        assertThat(states()).isZero();
    }

    @Test
    void theAttemptLastsTenMinutesAndIsBoundToTheOrganizationThatStartedIt() {
        var before = Instant.now();
        var url = connect("{\"provider\":\"x\"}").json().path("url").asString();

        var stored = jdbc.sql(
                        "select organization_id, expires_at, created_at from oauth_states where token_hash = :hash")
                .param(
                        "hash",
                        io.herald.kernel.Digests.sha256(Forms.queryOf(url).get("state")))
                .query()
                .singleRow();
        assertThat(stored.get("organization_id")).isEqualTo(UUID.fromString(tenant.id()));
        var created = ((java.sql.Timestamp) stored.get("created_at")).toInstant();
        assertThat(created).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(((java.sql.Timestamp) stored.get("expires_at")).toInstant())
                .isEqualTo(created.plus(Duration.ofMinutes(10)));
        // the state itself is nowhere in the database, only its digest
        assertThat(jdbc.sql("select count(*) from oauth_states where encode(token_hash, 'escape') like :state")
                        .param("state", "%" + Forms.queryOf(url).get("state") + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aStateUsedOnceIsRefusedTheSecondTimeAndCreatesNothing() {
        var callback = Browser.authorize(
                connect("{\"provider\":\"x\"}").json().path("url").asString());
        assertThat(Browser.open(callback).status()).isEqualTo(200);

        var again = Browser.open(callback);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body())
                .contains(
                        "<h1>Not connected</h1>",
                        "This connection attempt is unknown or was already used. Start the connection again;"
                                + " nothing was changed.");
        assertThat(integrations()).isEqualTo(1);
        assertThat(x.grants()).hasSize(1);
    }

    @Test
    void aStateHeraldNeverIssuedIsRefused() {
        var page = Browser.open(
                "http://127.0.0.1:" + port + "/integrations/oauth/x/callback?state=forged-state&code=whatever");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("This connection attempt is unknown or was already used.");
        assertThat(x.grants()).isEmpty();
        assertThat(integrations()).isZero();
    }

    @Test
    void anExpiredStateIsRefusedAndCreatesNothing() {
        var url = connect("{\"provider\":\"x\"}").json().path("url").asString();
        var callback = Browser.authorize(url);
        jdbc.sql(
                        "update oauth_states set expires_at = now() - interval '1 second' where organization_id = :organization")
                .param("organization", UUID.fromString(tenant.id()))
                .update();

        var page = Browser.open(callback);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body())
                .contains("This connection attempt expired: the platform must answer within 10 minutes. Start the"
                        + " connection again; nothing was changed.");
        assertThat(x.grants()).isEmpty();
        assertThat(integrations()).isZero();
        assertThat(states()).isZero();
    }

    @Test
    void reconnectingTheSameAccountUpdatesItsIntegrationAndKeepsItsPosts() {
        connectThroughX();
        var id = tenant.get("/public/v1/integrations").json().get(0).path("id").asString();
        var post = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"kept"}]}]}""".formatted(id));
        var firstToken = x.lastAccessToken();
        x.signIn(new FakeX.User(FakeX.ME.id(), "Herald Renamed", "heraldnew", "https://pbs.x.test/new.jpg"));

        var page = Browser.open(Browser.authorize(
                connect("{\"provider\":\"x\"}").json().path("url").asString()));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "<h1>X account reconnected</h1>",
                        "Herald Renamed (@heraldnew) was already connected: its integration now publishes with the new"
                                + " authorization, and keeps its posts.");
        assertAnswer(tenant.get("/public/v1/integrations"), 200, """
                [{"id":"%s","name":"Herald Renamed","identifier":"x","picture":"https://pbs.x.test/new.jpg",
                  "disabled":false,"profile":"heraldnew"}]""".formatted(id));
        var listed = tenant.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02")
                .json()
                .path("posts");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("id").asString())
                .isEqualTo(post.get(0).path("postId").asString());
        assertThat(listed.get(0).path("integration").path("id").asString()).isEqualTo(id);
        assertThat(x.lastAccessToken()).isNotEqualTo(firstToken);
    }

    @Test
    void twoCallbacksForTheSameAccountAtOnceMakeOneIntegration() {
        var first = Browser.authorize(
                connect("{\"provider\":\"x\"}").json().path("url").asString());
        var second = Browser.authorize(
                connect("{\"provider\":\"x\"}").json().path("url").asString());

        var opening = Stream.of(first, second)
                .map(callback -> CompletableFuture.supplyAsync(() -> Browser.open(callback)))
                .toList();
        var pages = opening.stream().map(CompletableFuture::join).toList();

        assertThat(pages).extracting(Browser.Page::status).containsExactly(200, 200);
        assertThat(pages)
                .extracting(page -> page.body().contains("X account reconnected"))
                .containsExactlyInAnyOrder(true, false);
        assertThat(integrations()).isEqualTo(1);
    }

    @Test
    void anotherAccountBecomesAnotherIntegration() {
        connectThroughX();
        x.signIn(new FakeX.User("99", "Second", "second", null));

        connectThroughX();

        assertThat(tenant.get("/public/v1/integrations").json())
                .extracting(integration -> integration.path("profile").asString())
                .containsExactly("heraldtest", "second");
    }

    @Test
    void theSameAccountInAnotherOrganizationIsThatOrganizationsOwnIntegration() {
        connectThroughX();
        var other = Tenant.create(client);

        var url = client.post(
                        "/admin/v1/organizations/" + other.id() + "/integrations/connect",
                        Tenant.ADMIN,
                        "{\"provider\":\"x\"}")
                .json()
                .path("url")
                .asString();
        assertThat(Browser.open(Browser.authorize(url)).body()).contains("X account connected");

        assertThat(tenant.get("/public/v1/integrations").json()).hasSize(1);
        assertThat(other.get("/public/v1/integrations").json()).hasSize(1);
        assertThat(other.get("/public/v1/integrations").json().get(0).path("id"))
                .isNotEqualTo(
                        tenant.get("/public/v1/integrations").json().get(0).path("id"));
    }

    @Test
    void aUserWhoDeniesTheAuthorizationEndsOnAPageAndChangesNothing() {
        x.deny("access_denied");
        var callback = Browser.authorize(
                connect("{\"provider\":\"x\"}").json().path("url").asString());

        var page = Browser.open(callback);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body())
                .contains(
                        "<title>Herald: Not connected</title>",
                        "X did not authorize Herald: access_denied. Nothing was changed.");
        assertThat(x.grants()).isEmpty();
        assertThat(integrations()).isZero();
        assertThat(Browser.open(callback).body()).contains("unknown or was already used");
    }

    @Test
    void aCodeThePlatformRefusesEndsOnAPageAndChangesNothing() {
        var callback = Browser.authorize(
                connect("{\"provider\":\"x\"}").json().path("url").asString());

        var page = Browser.open(callback.replaceAll("code=[^&]+", "code=not-the-code"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body())
                .contains("X refused the grant (HTTP 400): invalid_request: Value passed for the authorization code"
                        + " was invalid. Nothing was changed.");
        assertThat(integrations()).isZero();
    }

    @Test
    void whatAPlatformSaysIsEscapedOnThePage() {
        var callback = Browser.authorize(
                connect("{\"provider\":\"x\"}").json().path("url").asString());

        var page = Browser.open(callback.replaceAll("code=[^&]+", "")
                + "&error=%3Cscript%3Ealert(1)%3C/script%3E&error_description=%22%3E%3Cimg%3E");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body())
                .doesNotContain("<script>", "<img>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; (&quot;&gt;&lt;img&gt;)");
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'none'");
    }

    @Test
    void connectsIntoTheCustomerItWasAskedFor() {
        var customer = tenant.customer("Acme");

        var url = connect("{\"provider\":\"x\",\"customerId\":\"" + customer + "\"}")
                .json()
                .path("url")
                .asString();
        Browser.open(Browser.authorize(url));

        assertThat(tenant.get("/public/v1/integrations")
                        .json()
                        .get(0)
                        .path("customer")
                        .toString())
                .isEqualTo("{\"id\":\"" + customer + "\",\"name\":\"Acme\"}");
    }

    @Test
    void postizSocialRouteStartsTheSameConnectionForTheKeysOrganization() {
        var started = tenant.get("/public/v1/social/x");

        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json().propertyNames()).containsExactly("url");
        Browser.open(Browser.authorize(started.json().path("url").asString()));
        assertThat(tenant.get("/public/v1/integrations").json()).hasSize(1);
        assertAnswer(tenant.get("/public/v1/social/webhook"), 400, "{\"msg\":\"Integration not allowed\"}");
        assertAnswer(tenant.get("/public/v1/social/myspace"), 400, "{\"msg\":\"Integration not allowed\"}");
        assertAnswer(client.get("/public/v1/social/x", null), 401, "{\"msg\":\"No API Key found\"}");
        assertThat(states()).isZero();
    }

    @Test
    void theAdminRouteRefusesWhatCannotBeConnected() {
        var path = "/admin/v1/organizations/" + tenant.id() + "/integrations/connect";

        assertProblem(connect("{\"provider\":\"mastodon\"}"), 400, """
                {"title":"Bad Request","status":400,"instance":"%s",
                 "detail":"provider mastodon does not connect through OAuth (those that do: discord, facebook, instagram, linkedin, linkedin-page, slack, threads, x)",
                 "oauthProviders":["discord","facebook","instagram","linkedin","linkedin-page","slack","threads","x"]}""".formatted(path));
        var theirs = Tenant.create(client).customer("Theirs");
        assertProblem(
                connect("{\"provider\":\"x\",\"customerId\":\"" + theirs + "\"}"), 400, """
                {"title":"Bad Request","status":400,"instance":"%s",
                 "detail":"customerId %s is not a customer of this organization"}""".formatted(path, theirs));
        assertThat(client.post(
                                "/admin/v1/organizations/" + UUID.randomUUID() + "/integrations/connect",
                                Tenant.ADMIN,
                                "{\"provider\":\"x\"}")
                        .status())
                .isEqualTo(404);
        assertThat(client.post(path, null, "{\"provider\":\"x\"}").status()).isEqualTo(401);
        assertThat(states()).isZero();
    }

    @Test
    void anUnknownProvidersCallbackIsAPageToo() {
        var page = Browser.open("http://127.0.0.1:" + port + "/integrations/oauth/myspace/callback?state=s&code=c");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Herald connects no provider called myspace.");
    }

    private void connectThroughX() {
        var page = Browser.open(Browser.authorize(
                connect("{\"provider\":\"x\"}").json().path("url").asString()));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
    }

    private HeraldClient.Response connect(String body) {
        return client.post("/admin/v1/organizations/" + tenant.id() + "/integrations/connect", Tenant.ADMIN, body);
    }

    private long integrations() {
        return jdbc.sql("select count(*) from integrations where organization_id = :organization")
                .param("organization", UUID.fromString(tenant.id()))
                .query(Long.class)
                .single();
    }

    private long states() {
        return jdbc.sql("select count(*) from oauth_states where organization_id = :organization")
                .param("organization", UUID.fromString(tenant.id()))
                .query(Long.class)
                .single();
    }
}
