package io.herald.integrations.slack;

import io.herald.integrations.ConnectedAccount;
import io.herald.integrations.OAuthClient;
import io.herald.integrations.OAuthProvider;
import io.herald.integrations.OAuthTokens;
import io.herald.integrations.PlatformException;
import io.herald.integrations.TokenRefusedException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connects a Slack workspace as Postiz does: OAuth v2 ({@code oauth/v2/authorize}, then
 * {@code oauth.v2.access}) installs the app's bot, whose token ({@code xoxb-}) posts; the workspace
 * is the integration. Slack answers a refused code with HTTP 200 and {@code ok:false}, which is
 * read as the refusal it is. Bot tokens do not expire unless the app turned on token rotation; then
 * Slack answers a refresh token and an expiry too, and Herald refreshes the token like any other.
 */
@Component
class SlackOAuth implements OAuthProvider {

    /** Post, upload and share files, find the message a share made, join public channels, read the bot's profile. */
    static final String SCOPES = "chat:write,files:write,files:read,channels:join,users:read";

    private final SlackProperties properties;

    private final SlackApi api;

    private final JsonMapper json;

    private final Clock clock;

    SlackOAuth(SlackProperties properties, SlackApi api, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.api = api;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String identifier() {
        return SlackPublisher.IDENTIFIER;
    }

    @Override
    public String platform() {
        return "Slack";
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public URI authorizationUrl(String state, String codeChallenge, String redirectUri) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("client_id", properties.clientId());
        parameters.put("scope", SCOPES);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("state", state);
        return OAuthClient.withQuery(properties.authorizationUrl(), parameters);
    }

    @Override
    public OAuthTokens exchange(String code, String codeVerifier, String redirectUri) {
        return tokens(Map.of("code", code, "redirect_uri", redirectUri));
    }

    @Override
    public OAuthTokens refresh(OAuthTokens tokens) {
        return tokens(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()));
    }

    /** The workspace the bot was installed in ({@code auth.test}), with the bot's name and picture ({@code users.info}). */
    @Override
    public List<ConnectedAccount> accounts(OAuthTokens tokens) {
        var token = tokens.accessToken();
        var who = api.form(token, "auth.test", Map.of(), true);
        var team = who.path("team_id").asString("");
        var botUser = who.path("user_id").asString("");
        if (team.isEmpty() || botUser.isEmpty()) {
            throw new PlatformException("Slack answered auth.test without the workspace and the bot's user");
        }
        var profile = api.get(token, "users.info", Map.of("user", botUser))
                .path("user")
                .path("profile");
        var picture = text(profile, "image_192") != null ? text(profile, "image_192") : text(profile, "image_original");
        return List.of(new ConnectedAccount(
                team,
                who.path("team").asString("Slack workspace " + team),
                picture,
                text(who, "user"),
                json.createObjectNode(),
                tokens));
    }

    /** {@code oauth.v2.access}, the client's id and secret in the form; an {@code ok:false} is the grant refused. */
    private OAuthTokens tokens(Map<String, String> grant) {
        var form = new LinkedHashMap<>(grant);
        form.put("client_id", properties.clientId());
        form.put("client_secret", properties.clientSecret());
        JsonNode answer;
        try {
            answer = api.form(null, "oauth.v2.access", form, false);
        } catch (SlackRefusedException e) {
            throw new TokenRefusedException("Slack refused the grant: " + e.error());
        }
        var access = answer.path("access_token").asString("");
        if (access.isEmpty()) {
            throw new PlatformException("Slack answered the token request without an access token");
        }
        var expiresIn = answer.path("expires_in");
        return new OAuthTokens(
                access,
                text(answer, "refresh_token"),
                expiresIn.canConvertToLong() ? clock.instant().plusSeconds(expiresIn.asLong()) : null);
    }

    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isString() && !value.asString().isEmpty() ? value.asString() : null;
    }
}
