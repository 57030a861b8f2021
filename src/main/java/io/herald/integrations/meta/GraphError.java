package io.herald.integrations.meta;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error body every Meta Graph API answers (Facebook, Instagram and Threads alike):
 * {@code {"error":{"message","type","code","error_subcode","error_user_title","error_user_msg","fbtrace_id"}}}.
 *
 * @param subcode 0 when there is none
 * @param userMessage the explanation Meta writes for people ({@code error_user_msg}); null when there is none
 */
public record GraphError(int code, int subcode, String type, String message, String userMessage) {

    /** The error in an answer's body, if the body is one. */
    public static Optional<GraphError> in(String body, JsonMapper json) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode error;
        try {
            error = json.readTree(body).path("error");
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (!error.isObject() || !error.path("message").isString()) {
            return Optional.empty();
        }
        var user = error.path("error_user_msg");
        return Optional.of(new GraphError(
                error.path("code").asInt(0),
                error.path("error_subcode").asInt(0),
                error.path("type").asString(""),
                error.path("message").asString(),
                user.isString() && !user.asString().isBlank() ? user.asString() : null));
    }

    /** What Meta said, for a post's {@code error}: its message and, when it wrote one, its words for people. */
    public String said() {
        var codes = "code " + code + (subcode == 0 ? "" : ", subcode " + subcode);
        return message + (userMessage == null || userMessage.equals(message) ? "" : " " + userMessage) + " (" + codes
                + ")";
    }
}
