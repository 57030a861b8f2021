package io.herald.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/** The Postiz-compatible part of the server, which answers in Postiz's (NestJS) error shapes. */
public final class PublicApi {

    public static final String PATH = "/public/v1";

    private PublicApi() {}

    /** Whether the request (or, on an error dispatch, the request that failed) is under {@link #PATH}. */
    public static boolean isPublic(HttpServletRequest request) {
        return path(request).startsWith(PATH + "/") || path(request).equals(PATH);
    }

    /** The request's path inside the application, without context path and query. */
    static String path(HttpServletRequest request) {
        var failed = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        var uri = failed != null ? failed : request.getRequestURI();
        var context = request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** The request's path as the client sent it, context path included. */
    static String requestUri(HttpServletRequest request) {
        var failed = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return failed != null ? failed : request.getRequestURI();
    }
}
