package io.herald.integrations;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** OAuth 2's side of the token endpoint (RFC 6749), for the providers' packages. */
@Component
public class OAuthClient {

    private final PlatformHttp http;

    private final JsonMapper json;

    private final Clock clock;

    OAuthClient(PlatformHttp http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Posts a token request and reads the token answer (RFC 6749 §5.1). The request is sent once: a
     * code works once, and platforms that rotate refresh tokens take each one once. A 400 or 401 is
     * the platform refusing the grant ({@link TokenRefusedException}, with its {@code error} and
     * {@code error_description}).
     *
     * @param basic the client's id and secret as HTTP Basic credentials ({@code id:secret}), or null
     *     when the form carries them
     */
    public OAuthTokens requestTokens(String platform, URI tokenUrl, Map<String, String> form, String basic) {
        var body = encode(form);
        try {
            var answer = http.sendForJson(
                    platform,
                    () -> {
                        var request = http.request(tokenUrl)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Accept", "application/json");
                        if (basic != null) {
                            request.header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
                        }
                        return request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                .build();
                    },
                    false);
            var accessToken = answer.path("access_token");
            if (!accessToken.isString() || accessToken.asString().isEmpty()) {
                throw new PlatformException(platform + " answered the token request without an access token");
            }
            var refreshToken = answer.path("refresh_token");
            var expiresIn = answer.path("expires_in");
            return new OAuthTokens(
                    accessToken.asString(),
                    refreshToken.isString() && !refreshToken.asString().isEmpty() ? refreshToken.asString() : null,
                    expiresIn.canConvertToLong() ? clock.instant().plusSeconds(expiresIn.asLong()) : null);
        } catch (PlatformRefusedException e) {
            if (e.status() == 400 || e.status() == 401) {
                throw new TokenRefusedException(
                        platform + " refused the grant (HTTP " + e.status() + "): " + reason(e.body(), e.getMessage()));
            }
            throw e;
        }
    }

    /** {@code base} with these query parameters, encoded. */
    public static URI withQuery(URI base, Map<String, String> parameters) {
        var separator = base.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + encode(parameters));
    }

    /** The client's Basic credentials, {@code id:secret}, each form-encoded as RFC 6749 §2.3.1 asks. */
    public static String basic(String clientId, String clientSecret) {
        return URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    }

    private static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                                .replace("+", "%20") + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)
                                .replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    /** RFC 6749 §5.2's {@code error: error_description}, else what the platform said otherwise. */
    private String reason(String body, String fallback) {
        if (body != null) {
            try {
                var node = json.readTree(body);
                var error = node.path("error");
                var description = node.path("error_description");
                if (error.isString()) {
                    return error.asString() + (description.isString() ? ": " + description.asString() : "");
                }
            } catch (JacksonException e) {
                // not JSON: the platform's message below says it
            }
        }
        var said = fallback.indexOf(": ");
        return said < 0 ? fallback : fallback.substring(said + 2);
    }
}
