package io.herald.integrations.meta;

import io.herald.integrations.OAuthClient;
import io.herald.integrations.OAuthTokens;
import io.herald.integrations.PlatformRefusedException;
import io.herald.integrations.TokenRefusedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Facebook Login, through which Facebook pages and the Instagram professional accounts linked to
 * them are connected: the OAuth dialog, the code traded for a user token, that token traded for a
 * long-lived one (60 days), a check that the user granted every permission asked for (the dialog
 * lets them untick some), and the pages the user manages ({@code /me/accounts}). A page's token,
 * got with a long-lived user token, does not expire: it is what the integration keeps, and Herald
 * keeps no user token. Facebook Login takes no PKCE; the client secret authenticates the app.
 */
public final class FacebookLogin {

    /** At most this many pages of {@code /me/accounts} (of 100 each) are read. */
    private static final int MAX_ROUNDS = 10;

    private final GraphApi graph;

    private final MetaApp app;

    private final List<String> scopes;

    public FacebookLogin(GraphApi graph, MetaApp app, List<String> scopes) {
        this.graph = graph;
        this.app = app;
        this.scopes = List.copyOf(scopes);
    }

    public boolean configured() {
        return app.configured();
    }

    public URI authorizationUrl(String state, String redirectUri) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("client_id", app.clientId());
        parameters.put("redirect_uri", redirectUri);
        parameters.put("state", state);
        parameters.put("response_type", "code");
        parameters.put("scope", String.join(",", scopes));
        return OAuthClient.withQuery(app.authorizationUrl(), parameters);
    }

    /** The user's long-lived token for the callback's code, once every permission asked for is granted. */
    public OAuthTokens userTokens(String code, String redirectUri) {
        var exchange = new LinkedHashMap<String, String>();
        exchange.put("client_id", app.clientId());
        exchange.put("redirect_uri", redirectUri);
        exchange.put("client_secret", app.clientSecret());
        exchange.put("code", code);
        var shortLived = graph.requestTokens("/oauth/access_token", exchange, false);
        var longLived = new LinkedHashMap<String, String>();
        longLived.put("grant_type", "fb_exchange_token");
        longLived.put("client_id", app.clientId());
        longLived.put("client_secret", app.clientSecret());
        longLived.put("fb_exchange_token", shortLived.accessToken());
        var tokens = graph.requestTokens("/oauth/access_token", longLived, false);
        requireGranted(tokens.accessToken());
        return tokens;
    }

    /** Every page the user manages, each with {@code fields} (its token among them when asked for). */
    public List<JsonNode> pages(String userToken, String fields) {
        var pages = new ArrayList<JsonNode>();
        var seen = new HashSet<String>();
        String after = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            var query = new LinkedHashMap<String, String>();
            query.put("fields", fields);
            query.put("limit", "100");
            if (after != null) {
                query.put("after", after);
            }
            var answer = call(() -> graph.get(userToken, "/me/accounts", query));
            for (var page : answer.path("data")) {
                if (page.path("id").isString() && seen.add(page.path("id").asString())) {
                    pages.add(page);
                }
            }
            var next = answer.path("paging").path("cursors").path("after");
            if (!answer.path("paging").has("next") || !next.isString()) {
                break;
            }
            after = next.asString();
        }
        return pages;
    }

    private void requireGranted(String userToken) {
        var granted = new HashSet<String>();
        for (var permission :
                call(() -> graph.get(userToken, "/me/permissions", Map.of())).path("data")) {
            if ("granted".equals(permission.path("status").asString(""))) {
                granted.add(permission.path("permission").asString(""));
            }
        }
        var missing = scopes.stream().filter(scope -> !granted.contains(scope)).toList();
        if (!missing.isEmpty()) {
            throw new TokenRefusedException("The authorization did not grant " + String.join(", ", missing)
                    + ", which Herald needs to publish; connect again and allow "
                    + (missing.size() == 1 ? "it" : "them"));
        }
    }

    private JsonNode call(Supplier<JsonNode> request) {
        try {
            return request.get();
        } catch (PlatformRefusedException e) {
            throw graph.reworded(e);
        }
    }
}
