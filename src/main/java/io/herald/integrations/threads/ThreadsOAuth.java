package io.herald.integrations.threads;

import io.herald.integrations.ConnectedAccount;
import io.herald.integrations.OAuthClient;
import io.herald.integrations.OAuthProvider;
import io.herald.integrations.OAuthTokens;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformRefusedException;
import io.herald.integrations.meta.GraphApi;
import io.herald.integrations.meta.Graphs;
import io.herald.integrations.meta.MetaApp;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connects Threads accounts through Threads' own OAuth (the code traded at
 * {@code /oauth/access_token}, no PKCE), and keeps them connected: the short-lived token (an hour)
 * is traded at once for a long-lived one (60 days, {@code th_exchange_token}), which Threads renews
 * with itself ({@code th_refresh_token}, once it is a day old and before it expires). Herald keeps it
 * as the integration's refresh token too, so the shared token refresher renews it five minutes before
 * it expires, when a post is due. A channel that posts nothing for 60 days must be connected again.
 */
@Component
@EnableConfigurationProperties(ThreadsProperties.class)
class ThreadsOAuth implements OAuthProvider {

    /** Reading the profile, publishing, and replying (thread items are replies). */
    static final List<String> SCOPES = List.of("threads_basic", "threads_content_publish", "threads_manage_replies");

    private final MetaApp app;

    private final GraphApi tokens;

    private final GraphApi api;

    private final JsonMapper json;

    ThreadsOAuth(ThreadsProperties properties, Graphs graphs, JsonMapper json) {
        this.app = properties.app();
        this.tokens = graphs.api("Threads", properties.apiUrl());
        this.api = graphs.api("Threads", properties.versioned());
        this.json = json;
    }

    @Override
    public String identifier() {
        return ThreadsPublisher.IDENTIFIER;
    }

    @Override
    public String platform() {
        return "Threads";
    }

    @Override
    public boolean configured() {
        return app.configured();
    }

    @Override
    public URI authorizationUrl(String state, String codeChallenge, String redirectUri) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("client_id", app.clientId());
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", String.join(",", SCOPES));
        parameters.put("response_type", "code");
        parameters.put("state", state);
        return OAuthClient.withQuery(app.authorizationUrl(), parameters);
    }

    @Override
    public OAuthTokens exchange(String code, String codeVerifier, String redirectUri) {
        var grant = new LinkedHashMap<String, String>();
        grant.put("client_id", app.clientId());
        grant.put("client_secret", app.clientSecret());
        grant.put("grant_type", "authorization_code");
        grant.put("redirect_uri", redirectUri);
        grant.put("code", code);
        var shortLived = tokens.requestTokens("/oauth/access_token", grant, true);
        var exchange = new LinkedHashMap<String, String>();
        exchange.put("grant_type", "th_exchange_token");
        exchange.put("client_secret", app.clientSecret());
        exchange.put("access_token", shortLived.accessToken());
        return renewable(tokens.requestTokens("/access_token", exchange, false));
    }

    /** A long-lived token renewed with itself; Threads answers a new one, the old one spent. */
    @Override
    public OAuthTokens refresh(OAuthTokens held) {
        var refresh = new LinkedHashMap<String, String>();
        refresh.put("grant_type", "th_refresh_token");
        refresh.put("access_token", held.refreshToken());
        return renewable(tokens.requestTokens("/refresh_access_token", refresh, false));
    }

    @Override
    public List<ConnectedAccount> accounts(OAuthTokens tokens) {
        var me = profile(tokens.accessToken());
        var id = me.path("id").asString("");
        var username = me.path("username").asString("");
        if (id.isEmpty() || username.isEmpty()) {
            throw new PlatformException("Threads answered /me without the account's id and username");
        }
        var name = me.path("name").asString("");
        var picture = me.path("threads_profile_picture_url");
        return List.of(new ConnectedAccount(
                GraphApi.id(id, "The Threads account"),
                name.isBlank() ? username : name,
                picture.isString() ? picture.asString() : null,
                username,
                json.createObjectNode().put("userId", id),
                tokens));
    }

    private JsonNode profile(String token) {
        try {
            return api.get(token, "/me", Map.of("fields", "id,username,name,threads_profile_picture_url"));
        } catch (PlatformRefusedException e) {
            throw api.reworded(e);
        }
    }

    /** The long-lived token is its own refresh token. */
    private static OAuthTokens renewable(OAuthTokens longLived) {
        return new OAuthTokens(longLived.accessToken(), longLived.accessToken(), longLived.expiresAt());
    }
}
