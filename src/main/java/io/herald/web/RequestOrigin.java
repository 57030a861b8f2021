package io.herald.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * What the web filters learned about who made a request: its id ({@link RequestIdFilter}) and
 * whether the admin token authenticated it ({@link AdminTokenFilter}). The audit trail records both.
 */
public final class RequestOrigin {

    static final String REQUEST_ID = RequestOrigin.class.getName() + ".requestId";

    static final String ADMIN = RequestOrigin.class.getName() + ".admin";

    private RequestOrigin() {}

    /** The request's id, as its {@code X-Request-Id} answer header says. */
    public static Optional<String> requestId(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(REQUEST_ID));
    }

    /** Whether the request presented the admin token (and passed). */
    public static boolean isAdmin(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ADMIN));
    }
}
