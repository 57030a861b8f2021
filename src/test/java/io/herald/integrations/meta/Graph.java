package io.herald.integrations.meta;

import io.herald.support.Forms;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Meta's fakes share, as Meta's Graph API does: its error body
 * ({@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}), its throttling answers,
 * its parameters (query and form alike) and the token in the {@code Authorization} header.
 */
public final class Graph {

    /** The Graph API version the fakes of Facebook and Instagram serve (their paths start with it). */
    public static final String VERSION = "/v25.0";

    public static final JsonMapper json = JsonMapper.builder().build();

    private static final SecureRandom random = new SecureRandom();

    private Graph() {}

    public static Answer ok(ObjectNode body) {
        return Answer.json(200, body.toString());
    }

    /** Meta's error body; {@code subcode} 0 leaves it out. */
    public static Answer error(int status, int code, int subcode, String type, String message) {
        var body = json.createObjectNode();
        var error = body.putObject("error")
                .put("message", message)
                .put("type", type)
                .put("code", code);
        if (subcode != 0) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", "A" + token(9));
        return Answer.json(status, body.toString());
    }

    public static Answer invalidToken() {
        return error(400, 190, 0, "OAuthException", "Invalid OAuth access token - Cannot parse access token");
    }

    /** The request's parameters: its query and, for a form, its body (Meta reads both). */
    public static Map<String, String> params(Received request) {
        var params = new LinkedHashMap<>(Forms.decode(request.query()));
        var type = request.header("Content-Type");
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            params.putAll(Forms.decode(request.bodyText()));
        }
        return params;
    }

    /** The token of {@code Authorization: Bearer}, or null. */
    public static String bearer(Received request) {
        var header = request.header("Authorization");
        return header == null || !header.startsWith("Bearer ") ? null : header.substring("Bearer ".length());
    }

    /** A 302 to {@code location}. */
    public static Answer redirect(String location) {
        return new Answer(302, "text/html", new byte[0], Map.of("Location", location), null);
    }

    public static String token(int bytes) {
        var value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
