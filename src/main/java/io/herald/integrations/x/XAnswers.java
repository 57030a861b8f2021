package io.herald.integrations.x;

import io.herald.integrations.PlatformRefusedException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * X's error bodies, read for the user: API v2 answers a problem ({@code title}, {@code detail}) and,
 * for invalid requests, {@code errors[].message}, which says most.
 */
final class XAnswers {

    private XAnswers() {}

    /** The refusal in X's words, its status kept (a 401 still leads to a refresh). */
    static PlatformRefusedException reworded(PlatformRefusedException e, JsonMapper json) {
        var said = said(e.body(), json);
        return said == null ? e : e.reworded("X refused it (HTTP " + e.status() + "): " + said);
    }

    private static String said(String body, JsonMapper json) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            var node = json.readTree(body);
            var messages = new ArrayList<String>();
            for (var error : node.path("errors")) {
                if (error.path("message").isString()) {
                    messages.add(error.path("message").asString());
                }
            }
            if (!messages.isEmpty()) {
                return String.join("; ", messages);
            }
            for (var field : List.of("detail", "title")) {
                if (node.path(field).isString()) {
                    return node.path(field).asString();
                }
            }
        } catch (JacksonException e) {
            // not JSON: PlatformHttp's message quotes it
        }
        return null;
    }
}
