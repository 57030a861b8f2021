package io.herald.integrations;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.integrations.bluesky.BlueskyPdsStub;
import io.herald.integrations.mastodon.MastodonInstanceStub;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Postiz's integration settings and tools against the fake Mastodon and Bluesky. */
@HeraldIntegrationTest
class IntegrationToolsIntegrationTests {

    private static final String INTEGRATION_NOT_FOUND = "{\"msg\":\"Integration not found\"}";

    private static final String TOOL_NOT_FOUND = "{\"msg\":\"Tool not found\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    MastodonInstanceStub mastodon;

    BlueskyPdsStub bluesky;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        mastodon = new MastodonInstanceStub();
        bluesky = new BlueskyPdsStub();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @AfterEach
    void tearDown() {
        mastodon.close();
        bluesky.close();
    }

    @Test
    void mastodonSettingsSayTheMaxLengthTheMediaTheVisibilitiesAndTheTools() {
        var response = tenant.get("/public/v1/integration-settings/" + mastodon());

        assertAnswer(response, 200, """
                {"output":{
                  "rules":"Text up to 500 characters. Up to 4 media per post. settings.visibility, when given, is one of public, unlisted, private, direct.",
                  "maxLength":500,
                  "settings":{"visibility":["public","unlisted","private","direct"]},
                  "tools":[{"methodName":"lists","description":"The account's lists: their id and title","dataSchema":[]},
                           {"methodName":"instanceLimits","description":"What the account's instance allows in one status: characters and media","dataSchema":[]}]}}
                """);
        assertThat(mastodon.received("/api/v1/lists")).isEmpty();
    }

    @Test
    void blueskySettingsCountGraphemesAndOfferTheHandleLookup() {
        var response = tenant.get("/public/v1/integration-settings/" + bluesky());

        assertAnswer(response, 200, """
                {"output":{"rules":"Text up to 300 graphemes. Up to 4 media per post.","maxLength":300,"settings":{},
                  "tools":[{"methodName":"lookupHandle","description":"The DID of a Bluesky handle, to mention or look up the account",
                            "dataSchema":[{"key":"handle","type":"string","description":"A handle such as alice.bsky.social, without @"}]}]}}
                """);
    }

    @Test
    void aWebhookHasItsLimitsAndNoTools() {
        var response = tenant.get("/public/v1/integration-settings/" + tenant.webhook("Hook"));

        assertAnswer(response, 200, """
                {"output":{"rules":"Text up to 100000 characters. Up to 20 media per post.","maxLength":100000,"settings":{},"tools":[]}}
                """);
    }

    @Test
    void settingsOfAnIntegrationThatIsNotTheCallersAreNotFound() {
        var foreign = Tenant.create(tenant.client()).webhook("Foreign");
        var deleted = tenant.webhook("Gone");
        assertThat(tenant.deleteIntegration(deleted).status()).isEqualTo(200);

        for (var id : List.of(foreign, deleted, "00000000-0000-0000-0000-000000000000", "not-an-id")) {
            assertAnswer(tenant.get("/public/v1/integration-settings/" + id), 404, INTEGRATION_NOT_FOUND);
        }
    }

    @Test
    void mastodonListsComeFromTheInstanceWithTheAccountsToken() {
        var response =
                tenant.post("/public/v1/integration-trigger/" + mastodon(), "{\"methodName\":\"lists\",\"data\":{}}");

        assertAnswer(response, 200, """
                {"output":[{"id":"12","title":"Friends"},{"id":"13","title":"Work"}]}
                """);
        assertThat(mastodon.received("/api/v1/lists"))
                .singleElement()
                .satisfies(request ->
                        assertThat(request.header("Authorization")).isEqualTo("Bearer " + MastodonInstanceStub.TOKEN));
    }

    @Test
    void mastodonInstanceLimitsAreTheInstancesOwn() {
        mastodon.characterLimit(300);

        var response =
                tenant.post("/public/v1/integration-trigger/" + mastodon(), "{\"methodName\":\"instanceLimits\"}");

        assertAnswer(response, 200, "{\"output\":{\"maxCharacters\":300,\"maxMediaAttachments\":4}}");
    }

    @Test
    void blueskyLooksUpAHandlesDid() {
        var response = tenant.post(
                "/public/v1/integration-trigger/" + bluesky(),
                "{\"methodName\":\"lookupHandle\",\"data\":{\"handle\":\"@" + BlueskyPdsStub.OTHER_HANDLE + "\"}}");

        assertAnswer(response, 200, """
                {"output":{"handle":"%s","did":"%s"}}
                """.formatted(BlueskyPdsStub.OTHER_HANDLE, BlueskyPdsStub.OTHER_DID));
    }

    @Test
    void aHandleThatIsNoHandleIsRefusedBeforeThePlatformIsAsked() {
        var rows = new Rows(jdbc);
        var before = rows.of(tenant);

        var response = tenant.post(
                "/public/v1/integration-trigger/" + bluesky(),
                "{\"methodName\":\"lookupHandle\",\"data\":{\"handle\":\"no handle/../x\"}}");

        assertAnswer(response, 400, """
                {"statusCode":400,"message":"data.handle must be a Bluesky handle such as alice.bsky.social","error":"Bad Request"}
                """);
        assertThat(bluesky.received("/xrpc/com.atproto.identity.resolveHandle")).isEmpty();
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void aHandleThePlatformCannotResolveAnswersWhatThePlatformSaid() {
        var response = tenant.post(
                "/public/v1/integration-trigger/" + bluesky(),
                "{\"methodName\":\"lookupHandle\",\"data\":{\"handle\":\"nobody.bsky.social\"}}");

        assertAnswer(response, 502, """
                {"statusCode":502,"message":"Bluesky refused it (HTTP 400): InvalidRequest: Unable to resolve handle","error":"Bad Gateway"}
                """);
    }

    @Test
    void anUnknownToolIsNotFoundAndNothingIsAskedOfThePlatform() {
        var rows = new Rows(jdbc);
        var hook = tenant.webhook("Hook");
        var before = rows.of(tenant);

        for (var body : List.of(
                "{\"methodName\":\"getPlaylists\",\"data\":{\"query\":\"x\"}}",
                "{\"methodName\":\"toString\"}",
                "{\"data\":{}}",
                "[]",
                "")) {
            assertAnswer(tenant.post("/public/v1/integration-trigger/" + mastodon(), body), 404, TOOL_NOT_FOUND);
        }
        assertAnswer(
                tenant.post("/public/v1/integration-trigger/" + hook, "{\"methodName\":\"lists\"}"),
                404,
                TOOL_NOT_FOUND);
        assertThat(mastodon.received("/api/v1/lists")).isEmpty();
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void aToolOfAnIntegrationThatIsNotTheCallersIsNotFound() {
        var foreign = Tenant.create(tenant.client()).integration("Theirs", "mastodon", mastodonConfig());

        for (var id : List.of(foreign, "00000000-0000-0000-0000-000000000000", "not-an-id")) {
            assertAnswer(
                    tenant.post("/public/v1/integration-trigger/" + id, "{\"methodName\":\"lists\"}"),
                    404,
                    INTEGRATION_NOT_FOUND);
        }
        assertThat(mastodon.received("/api/v1/lists")).isEmpty();
    }

    private String mastodon() {
        return tenant.integration("Toots", "mastodon", mastodonConfig());
    }

    private String mastodonConfig() {
        return "{\"instanceUrl\":\"%s\",\"accessToken\":\"%s\"}".formatted(mastodon.url(), MastodonInstanceStub.TOKEN);
    }

    private String bluesky() {
        return tenant.integration(
                "Sky",
                "bluesky",
                "{\"service\":\"%s\",\"identifier\":\"%s\",\"appPassword\":\"%s\"}"
                        .formatted(bluesky.url(), BlueskyPdsStub.HANDLE, BlueskyPdsStub.PASSWORD));
    }
}
