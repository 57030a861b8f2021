package io.herald.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** The Postiz-compatible part of the server, which answers in Postiz's (NestJS) error shapes. */
public final class PublicApi {

    public static final String PATH = "/public/v1";

    private PublicApi() {}

    /** Whether the request (or, on an error dispatch, the request that failed) is under {@link #PATH}. */
    public static boolean isPublic(HttpServletRequest request) {
        return path(request).startsWith(PATH + "/") || path(request).equals(PATH);
    }

    /**
     * The request's path inside the application as the routes see it: decoded and normalized by the
     * container ({@code /%61dmin} is {@code /admin}, {@code /admin;x} is {@code /admin}), without
     * context path and query. Access decisions are made on this, never on the raw request target.
     */
    static String path(HttpServletRequest request) {
        var failed = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (failed != null) {
            // an error dispatch: the failed request's raw target, normalized the same way
            var context = request.getContextPath();
            var raw = failed.startsWith(context) ? failed.substring(context.length()) : failed;
            return UriUtils.decode(raw.replaceAll(";[^/]*", ""), StandardCharsets.UTF_8);
        }
        var pathInfo = request.getPathInfo();
        return pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
    }

    /** The request's path as the client sent it, context path included. */
    static String requestUri(HttpServletRequest request) {
        var failed = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return failed != null ? failed : request.getRequestURI();
    }
}
