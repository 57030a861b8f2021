package io.herald.integrations.slack;

import io.herald.integrations.OAuthClient;
import io.herald.integrations.PlatformHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's Web API ({@code <api>/<method>}, the token as {@code Authorization: Bearer}). Slack answers
 * its refusals with HTTP 200 and {@code {"ok":false,"error":"<code>"}}: those are thrown as
 * {@link SlackRefusedException}, in words; only rate limits (429) and Slack's own failures come as
 * HTTP errors, which {@link PlatformHttp} raises.
 */
@Component
@EnableConfigurationProperties(SlackProperties.class)
class SlackApi {

    static final String PLATFORM = "Slack";

    /** What Slack's commonest refusals mean for the person who set the channel up. */
    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry(
                    "channel_not_found",
                    "the channel does not exist, or the app cannot see it: invite the app to a private channel"),
            Map.entry("not_in_channel", "the app is not in the channel: invite it"),
            Map.entry("is_archived", "the channel is archived"),
            Map.entry("restricted_action", "the workspace does not let the app post in this channel"),
            Map.entry("invalid_auth", "the token is not valid: connect the workspace again"),
            Map.entry("not_authed", "no token was sent"),
            Map.entry("token_revoked", "the token was revoked: connect the workspace again"),
            Map.entry("token_expired", "the token expired: connect the workspace again"),
            Map.entry("account_inactive", "the app was removed from the workspace: connect it again"),
            Map.entry("msg_too_long", "the text is too long"),
            Map.entry("file_uploads_disabled", "the workspace does not allow file uploads"));

    private final PlatformHttp http;

    private final JsonMapper json;

    private final SlackProperties properties;

    SlackApi(PlatformHttp http, JsonMapper json, SlackProperties properties) {
        this.http = http;
        this.json = json;
        this.properties = properties;
    }

    /** A method called with a JSON body. */
    JsonNode post(String token, String method, ObjectNode body, boolean idempotent) {
        var text = json.writeValueAsString(body);
        return checked(http.sendForJson(
                PLATFORM,
                () -> call(token, properties.method(method))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                        .build(),
                idempotent));
    }

    /** A method called with a form body (the methods that take no JSON); {@code token} may be null. */
    JsonNode form(String token, String method, Map<String, String> form, boolean idempotent) {
        var text = encode(form);
        return checked(http.sendForJson(
                PLATFORM,
                () -> call(token, properties.method(method))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                        .build(),
                idempotent));
    }

    /** A read, with its arguments in the query. */
    JsonNode get(String token, String method, Map<String, String> query) {
        var uri = OAuthClient.withQuery(properties.method(method), query);
        return checked(http.sendForJson(PLATFORM, () -> call(token, uri).GET().build(), true));
    }

    /**
     * A file's bytes, to the upload URL {@code files.getUploadURLExternal} answered: Slack's upload
     * service takes them raw. The URL is Slack's own, made for this file; the token does not go with it.
     */
    void upload(URI uploadUrl, byte[] bytes) {
        http.send(
                PLATFORM + "'s file upload",
                () -> http.request(uploadUrl)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build(),
                true);
    }

    private HttpRequest.Builder call(String token, URI uri) {
        var request = http.request(uri);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static JsonNode checked(JsonNode answer) {
        if (answer.path("ok").asBoolean(false)) {
            return answer;
        }
        var error = answer.path("error").asString("unknown_error");
        var needed = answer.path("needed").asString("");
        var meaning = error.equals("missing_scope")
                ? "the app lacks the permission " + (needed.isEmpty() ? "it needs" : needed)
                        + ": add it and reinstall the app"
                : MEANINGS.get(error);
        throw new SlackRefusedException(
                "Slack refused it: " + error + (meaning == null ? "" : " (" + meaning + ")"), error);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
