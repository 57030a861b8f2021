package io.herald.web;

import io.herald.kernel.Digests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards the admin API and actuator (but its health endpoints) with {@code Authorization: Bearer
 * <admin token>}. Failures are RFC 9457 problems written here, before any controller runs.
 */
@Component
@EnableConfigurationProperties(AdminProperties.class)
class AdminTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenFilter.class);

    private final byte[] token;

    private final JsonMapper json;

    AdminTokenFilter(AdminProperties properties, JsonMapper json) {
        var configured = properties.token();
        if (!StringUtils.hasText(configured)) {
            var random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("herald.admin.token (HERALD_ADMIN_TOKEN) is not set; this run's admin token is {}", configured);
        }
        this.token = Digests.sha256(configured);
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = PublicApi.path(request);
        var admin = path.equals("/admin") || path.startsWith("/admin/");
        var actuator = path.startsWith("/actuator")
                && !path.equals("/actuator/health")
                && !path.startsWith("/actuator/health/");
        return !admin && !actuator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        var presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : null;
        // Digests have one length, so the comparison takes the same time whatever was presented.
        if (presented != null && MessageDigest.isEqual(token, Digests.sha256(presented))) {
            request.setAttribute(RequestOrigin.ADMIN, true);
            chain.doFilter(request, response);
            return;
        }
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED, "A valid admin token is required: Authorization: Bearer <token>");
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
