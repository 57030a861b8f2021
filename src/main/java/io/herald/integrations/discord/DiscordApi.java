package io.herald.integrations.discord;

import io.herald.integrations.PlatformHttp;
import io.herald.integrations.PlatformRefusedException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Discord's HTTP API, for the publisher and the connection: requests with their authorization
 * ({@code Bot <token>} for a bot, {@code Bearer <token>} for a person), and Discord's error bodies
 * read for the user.
 */
@Component
@EnableConfigurationProperties(DiscordProperties.class)
class DiscordApi {

    static final String PLATFORM = "Discord";

    private final PlatformHttp http;

    private final JsonMapper json;

    private final DiscordProperties properties;

    DiscordApi(PlatformHttp http, JsonMapper json, DiscordProperties properties) {
        this.http = http;
        this.json = json;
        this.properties = properties;
    }

    HttpRequest.Builder call(String authorization, String path) {
        return http.request(properties.api(path)).header("Authorization", authorization);
    }

    /** A read, repeated where PlatformHttp may; a refusal comes back in Discord's words. */
    JsonNode get(String authorization, String path) {
        try {
            return http.sendForJson(
                    PLATFORM, () -> call(authorization, path).GET().build(), true);
        } catch (PlatformRefusedException e) {
            throw reworded(e);
        }
    }

    /**
     * The refusal in Discord's words, its status kept: {@code message}, and for an invalid form the
     * fields it names ({@code errors.<field>._errors[].message}), e.g. "Invalid Form Body (content:
     * Must be 2000 or fewer in length.)".
     */
    PlatformRefusedException reworded(PlatformRefusedException e) {
        var answer = read(e.body());
        if (!answer.path("message").isString()) {
            return e;
        }
        var fields = new ArrayList<String>();
        collect("", answer.path("errors"), fields);
        return e.reworded("Discord refused it (HTTP " + e.status() + "): "
                + answer.path("message").asString() + (fields.isEmpty() ? "" : " (" + String.join("; ", fields) + ")"));
    }

    JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }

    private static void collect(String path, JsonNode errors, ArrayList<String> fields) {
        if (!errors.isObject()) {
            return;
        }
        for (var entry : errors.properties()) {
            if (entry.getKey().equals("_errors")) {
                for (var error : entry.getValue()) {
                    fields.add((path.isEmpty() ? "" : path + ": ")
                            + error.path("message").asString(""));
                }
            } else {
                collect(path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), entry.getValue(), fields);
            }
        }
    }
}
