package io.herald.idempotency;

import io.herald.organizations.CallerOrganization;
import io.herald.web.NestError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides a keyed request, once the API key named its organization and before the rate limit: the
 * first request of a key claims it and runs; a repeat of the same method, path (query included)
 * and body gets the first answer again with {@code Idempotent-Replayed: true} and runs nothing, not
 * even the rate limit; another request with the key is 422; a repeat while the first still runs is
 * 409.
 */
class IdempotencyInterceptor implements HandlerInterceptor {

    static final String HEADER = "Idempotency-Key";

    static final String REPLAYED = "Idempotent-Replayed";

    static final String CLAIMED = IdempotencyInterceptor.class.getName() + ".claimed";

    static final int MAX_KEY = 255;

    private final IdempotencyKeys keys;

    private final JsonMapper json;

    IdempotencyInterceptor(IdempotencyKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    record Claim(UUID organization, String key) {}

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        var key = request.getHeader(HEADER);
        var body = WebUtils.getNativeRequest(request, IdempotencyFilter.KeptBody.class);
        if (key == null
                || body == null
                || !(handler instanceof HandlerMethod)
                || "GET".equals(request.getMethod())
                || "PUT".equals(request.getMethod())
                || !(request.getAttribute(CallerOrganization.ATTRIBUTE) instanceof CallerOrganization caller)) {
            return true;
        }
        if (key.isEmpty() || key.length() > MAX_KEY) {
            return refuse(response, HttpStatus.BAD_REQUEST, "Idempotency-Key must be 1 to " + MAX_KEY + " characters");
        }
        var fingerprint = fingerprint(request, body.bytes());
        if (keys.claim(caller.id(), key, fingerprint)) {
            request.setAttribute(CLAIMED, new Claim(caller.id(), key));
            return true;
        }
        var stored = keys.find(caller.id(), key);
        if (stored.isEmpty()) {
            // the first request gave its claim up a moment ago: this one may take it
            if (keys.claim(caller.id(), key, fingerprint)) {
                request.setAttribute(CLAIMED, new Claim(caller.id(), key));
                return true;
            }
            return refuse(response, HttpStatus.CONFLICT, "A request with this Idempotency-Key is in progress");
        }
        if (!MessageDigest.isEqual(
                stored.get().fingerprint().getBytes(StandardCharsets.UTF_8),
                fingerprint.getBytes(StandardCharsets.UTF_8))) {
            // Nest's reason phrase is RFC 4918's, not RFC 9110's "Unprocessable Content"
            return write(
                    response,
                    422,
                    new NestError(422, "Idempotency-Key was used for another request", "Unprocessable Entity"));
        }
        if (stored.get().status() == null) {
            return refuse(response, HttpStatus.CONFLICT, "A request with this Idempotency-Key is in progress");
        }
        response.setStatus(stored.get().status());
        if (stored.get().contentType() != null) {
            response.setContentType(stored.get().contentType());
        }
        response.setHeader(REPLAYED, "true");
        response.getOutputStream()
                .write(stored.get().body() == null ? new byte[0] : stored.get().body());
        return false;
    }

    /** Method, path with its query, and a digest of the body: what makes two requests the same request. */
    private static String fingerprint(HttpServletRequest request, byte[] body) throws Exception {
        var query = request.getQueryString();
        var digest = MessageDigest.getInstance("SHA-256").digest(body);
        return request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query) + " "
                + HexFormat.of().formatHex(digest);
    }

    private boolean refuse(HttpServletResponse response, HttpStatus status, String message) throws Exception {
        return write(response, status.value(), NestError.of(status, message));
    }

    private boolean write(HttpServletResponse response, int status, NestError error) throws Exception {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), error);
        return false;
    }
}
