package io.herald.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token (a proxy's
 * id, say), else a new one. The id goes back in the response header and into the logging context
 * ({@code requestId}), so every log line written while the request runs carries it. After the
 * request one line goes to the {@code io.herald.requests} logger (method, path, status, time;
 * never the query or a header), except for actuator's probes and scrapes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";

    static final String MDC_KEY = "requestId";

    private static final String ATTRIBUTE = RequestOrigin.REQUEST_ID;

    /** What a proxy or client may hand us: short, and nothing that could forge a log line. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private static final Logger requests = LoggerFactory.getLogger("io.herald.requests");

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // The error page runs after this filter's first pass has returned: it needs the id again.
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var id = (String) request.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = accepted(request.getHeader(HEADER));
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(HEADER, id);
        }
        MDC.put(MDC_KEY, id);
        var start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getDispatcherType() == DispatcherType.REQUEST && !request.isAsyncStarted() && logged(request)) {
                requests.info(
                        "{} {} {} {} ms",
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            MDC.remove(MDC_KEY);
        }
    }

    private static String accepted(String incoming) {
        if (incoming != null && SANE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static boolean logged(HttpServletRequest request) {
        var path = PublicApi.path(request);
        return !path.equals("/actuator") && !path.startsWith("/actuator/");
    }
}
