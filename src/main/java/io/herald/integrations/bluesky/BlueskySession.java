package io.herald.integrations.bluesky;

import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A session on the account's PDS, made with its app password: every XRPC call of the account
 * carries its access token. Sessions may be made freely; they leave nothing anyone sees.
 */
record BlueskySession(String service, String accessJwt, String did, String handle) {

    /** Signs the account of an integration's {@code config} in. */
    static BlueskySession create(PlatformHttp http, JsonMapper json, JsonNode config) {
        var service = service(config);
        var body = json.writeValueAsString(json.createObjectNode()
                .put("identifier", config.path("identifier").asString())
                .put("password", config.path("appPassword").asString()));
        var answer = http.sendForJson(
                "Bluesky's sign-in",
                () -> http.request(xrpc(service, "com.atproto.server.createSession"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                true);
        for (var field : List.of("accessJwt", "did", "handle")) {
            if (!answer.path(field).isString()) {
                throw new PlatformException("Bluesky's sign-in answered without " + field + "; nothing was posted");
            }
        }
        return new BlueskySession(
                service,
                answer.path("accessJwt").asString(),
                answer.path("did").asString(),
                answer.path("handle").asString());
    }

    /** The PDS of an integration's {@code config}, without a trailing slash. */
    static String service(JsonNode config) {
        return config.path("service").asString().replaceAll("/+$", "");
    }

    /** A value as a query parameter of an XRPC call. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static URI xrpc(String service, String method) {
        return URI.create(service + "/xrpc/" + method);
    }

    /** A call of the XRPC {@code method} (query string included) as the account. */
    HttpRequest.Builder request(PlatformHttp http, String method) {
        return http.request(xrpc(service, method)).header("Authorization", "Bearer " + accessJwt);
    }

    /** An XRPC query (a GET, which changes nothing) as the account, read as JSON. */
    JsonNode query(PlatformHttp http, String method) {
        return http.sendForJson("Bluesky", () -> request(http, method).GET().build(), true);
    }

    /** The web address of the account's post with record key {@code rkey}. */
    String postUrl(String rkey) {
        return "https://bsky.app/profile/" + handle + "/post/" + rkey;
    }
}
