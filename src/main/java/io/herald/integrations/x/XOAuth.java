package io.herald.integrations.x;

import io.herald.integrations.ConnectedAccount;
import io.herald.integrations.OAuthClient;
import io.herald.integrations.OAuthProvider;
import io.herald.integrations.OAuthTokens;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.PlatformRefusedException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connects X accounts with OAuth 2.0's authorization code flow and PKCE (S256), as a confidential
 * client (the token endpoint takes the client's id and secret as HTTP Basic). {@code offline.access}
 * gets a refresh token: X's access tokens last two hours, and each refresh answers a new refresh
 * token, the old one spent.
 */
@Component
@EnableConfigurationProperties(XProperties.class)
class XOAuth implements OAuthProvider {

    static final String SCOPES = "tweet.read tweet.write users.read media.write offline.access";

    private final XProperties properties;

    private final OAuthClient oauth;

    private final PlatformHttp http;

    private final JsonMapper json;

    XOAuth(XProperties properties, OAuthClient oauth, PlatformHttp http, JsonMapper json) {
        this.properties = properties;
        this.oauth = oauth;
        this.http = http;
        this.json = json;
    }

    @Override
    public String identifier() {
        return XPublisher.IDENTIFIER;
    }

    @Override
    public String platform() {
        return "X";
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public URI authorizationUrl(String state, String codeChallenge, String redirectUri) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("response_type", "code");
        parameters.put("client_id", properties.clientId());
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", SCOPES);
        parameters.put("state", state);
        parameters.put("code_challenge", codeChallenge);
        parameters.put("code_challenge_method", "S256");
        return OAuthClient.withQuery(properties.authorizationUrl(), parameters);
    }

    @Override
    public OAuthTokens exchange(String code, String codeVerifier, String redirectUri) {
        return tokens(Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", redirectUri,
                "code_verifier", codeVerifier,
                "client_id", properties.clientId()));
    }

    @Override
    public OAuthTokens refresh(OAuthTokens tokens) {
        return tokens(Map.of(
                "grant_type", "refresh_token",
                "refresh_token", tokens.refreshToken(),
                "client_id", properties.clientId()));
    }

    /** The authorizing user: {@code GET /2/users/me}, with the picture. */
    @Override
    public List<ConnectedAccount> accounts(OAuthTokens tokens) {
        JsonNode me;
        try {
            me = http.sendForJson(
                            "X",
                            () -> http.request(properties.api("/2/users/me?user.fields=profile_image_url"))
                                    .header("Authorization", "Bearer " + tokens.accessToken())
                                    .GET()
                                    .build(),
                            true)
                    .path("data");
        } catch (PlatformRefusedException e) {
            throw XAnswers.reworded(e, json);
        }
        if (!me.path("id").isString() || !me.path("username").isString()) {
            throw new PlatformException("X answered /2/users/me without the account's id and username");
        }
        var picture = me.path("profile_image_url");
        return List.of(new ConnectedAccount(
                me.path("id").asString(),
                me.path("name").asString(me.path("username").asString()),
                picture.isString() ? picture.asString() : null,
                me.path("username").asString(),
                json.createObjectNode(),
                tokens));
    }

    private OAuthTokens tokens(Map<String, String> form) {
        return oauth.requestTokens(
                "X",
                properties.api("/2/oauth2/token"),
                new LinkedHashMap<>(form),
                OAuthClient.basic(properties.clientId(), properties.clientSecret()));
    }
}
