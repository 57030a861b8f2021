package io.herald.integrations.meta;

import io.herald.support.Forms;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Facebook Login as Meta documents it, for the fakes of Facebook and Instagram: the OAuth dialog
 * (redirecting with a code, or with the user's refusal), {@code /oauth/access_token} trading a code
 * (used once, for the redirect URI it was issued to) for a short-lived user token and that one
 * ({@code fb_exchange_token}) for a long-lived one, and {@code /me/permissions}, where a permission the
 * user unticked in the dialog shows as declined.
 */
public final class FakeFacebookLogin {

    public static final String CLIENT_ID = "meta-app-id";

    public static final String CLIENT_SECRET = "meta-app-secret";

    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    private final Map<String, List<String>> shortTokens = new ConcurrentHashMap<>();

    private final Map<String, List<String>> userTokens = new ConcurrentHashMap<>();

    private final Set<String> declined = ConcurrentHashMap.newKeySet();

    private final List<Map<String, String>> grants = new CopyOnWriteArrayList<>();

    private final List<String> issued = new CopyOnWriteArrayList<>();

    private volatile String denial;

    public void reset() {
        codes.clear();
        shortTokens.clear();
        userTokens.clear();
        declined.clear();
        grants.clear();
        issued.clear();
        denial = null;
    }

    /** The user unticks this permission in the dialog. */
    public void decline(String permission) {
        declined.add(permission);
    }

    /** The user cancels the dialog: Facebook redirects with {@code error=<error>}. */
    public void deny(String error) {
        this.denial = error;
    }

    /** Whether {@code token} is a long-lived user token (what {@code /me/accounts} takes). */
    public boolean isUserToken(String token) {
        return token != null && userTokens.containsKey(token);
    }

    /** The token requests, as their parameters, in order. */
    public List<Map<String, String>> grants() {
        return List.copyOf(grants);
    }

    /** Every user token issued, short- and long-lived. */
    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    /** Facebook Login's answer to this request, or null when it is not one of Facebook Login's. */
    public Answer answer(Received request) {
        var route = request.method() + " " + request.path();
        if (route.equals("GET " + Graph.VERSION + "/dialog/oauth")) {
            return dialog(Forms.decode(request.query()));
        }
        if (route.equals("GET " + Graph.VERSION + "/oauth/access_token")) {
            return token(Graph.params(request));
        }
        if (route.equals("GET " + Graph.VERSION + "/me/permissions")) {
            var scopes = userTokens.get(String.valueOf(Graph.bearer(request)));
            if (scopes == null) {
                return Graph.invalidToken();
            }
            var body = Graph.json.createObjectNode();
            var data = body.putArray("data");
            scopes.forEach(scope -> data.addObject()
                    .put("permission", scope)
                    .put("status", declined.contains(scope) ? "declined" : "granted"));
            return Graph.ok(body);
        }
        return null;
    }

    private Answer dialog(Map<String, String> query) {
        var redirect = query.get("redirect_uri");
        if (!CLIENT_ID.equals(query.get("client_id"))
                || redirect == null
                || !"code".equals(query.get("response_type"))
                || query.get("state") == null
                || query.getOrDefault("scope", "").isEmpty()) {
            return Answer.bytes(400, "text/html", Graph.utf8("<p>Invalid app ID or URL</p>"));
        }
        var state = URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        if (denial != null) {
            return Graph.redirect(redirect + "?error=" + denial
                    + "&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=" + state);
        }
        var code = "AQ" + Graph.token(24);
        codes.put(code, new Grant(redirect, List.of(query.get("scope").split(","))));
        return Graph.redirect(redirect + "?code=" + code + "&state=" + state);
    }

    private Answer token(Map<String, String> params) {
        grants.add(params);
        if (!CLIENT_ID.equals(params.get("client_id")) || !CLIENT_SECRET.equals(params.get("client_secret"))) {
            return Graph.error(400, 1, 0, "OAuthException", "Error validating client secret.");
        }
        if ("fb_exchange_token".equals(params.get("grant_type"))) {
            var scopes = shortTokens.get(params.getOrDefault("fb_exchange_token", ""));
            if (scopes == null) {
                return Graph.invalidToken();
            }
            return issue(userTokens, scopes, 5_183_944);
        }
        var grant = codes.remove(params.getOrDefault("code", ""));
        if (grant == null) {
            return Graph.error(400, 100, 36009, "OAuthException", "This authorization code has been used.");
        }
        if (!grant.redirectUri().equals(params.get("redirect_uri"))) {
            return Graph.error(
                    400,
                    100,
                    36008,
                    "OAuthException",
                    "Error validating verification code. Please make sure your redirect_uri is identical to the"
                            + " one you used in the OAuth dialog request");
        }
        return issue(shortTokens, grant.scopes(), 5_183);
    }

    private Answer issue(Map<String, List<String>> tokens, List<String> scopes, long expiresIn) {
        var token = "EAA" + Graph.token(32);
        tokens.put(token, scopes);
        issued.add(token);
        return Graph.ok(Graph.json
                .createObjectNode()
                .put("access_token", token)
                .put("token_type", "bearer")
                .put("expires_in", expiresIn));
    }

    private record Grant(String redirectUri, List<String> scopes) {}
}
