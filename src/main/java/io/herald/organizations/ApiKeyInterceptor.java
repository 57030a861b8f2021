package io.herald.organizations;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates /public/v1 requests by their {@code Authorization} header: the raw API key, as the
 * Postiz clients send it, or {@code Bearer <key>}. It runs only once a route has matched, so an
 * unknown path is a 404 whether or not a key was sent. Failures use Postiz's {@code {"msg"}} bodies.
 */
@Component
class ApiKeyInterceptor implements HandlerInterceptor {

    static final String ATTRIBUTE = CallerOrganization.ATTRIBUTE;

    private final Organizations organizations;

    private final JsonMapper json;

    ApiKeyInterceptor(Organizations organizations, JsonMapper json) {
        this.organizations = organizations;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        var key = presentedKey(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (key.isEmpty()) {
            return reject(response, "No API Key found");
        }
        var caller = organizations.authenticate(key);
        if (caller.isEmpty()) {
            return reject(response, "Invalid API key");
        }
        request.setAttribute(ATTRIBUTE, new CallerOrganization(caller.get().organizationId()));
        request.setAttribute(CallerKey.ATTRIBUTE, caller.get());
        return true;
    }

    private static String presentedKey(String header) {
        if (header == null) {
            return "";
        }
        var value = header.trim();
        return value.regionMatches(true, 0, "Bearer ", 0, 7)
                ? value.substring(7).trim()
                : value;
    }

    private boolean reject(HttpServletResponse response, String message) throws Exception {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("msg", message));
        return false;
    }
}
