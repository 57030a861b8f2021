package io.herald.ratelimit;

import io.herald.organizations.CallerOrganization;
import io.herald.web.NestError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * An hourly limit on one route, like Postiz's throttle on creating posts: every authenticated POST
 * counts, whatever its outcome (as Postiz's throttler counts it), per organization and clock hour.
 * It runs after the API-key check, so unauthenticated requests count for nobody. Over the limit the
 * request is answered 429 here and the controller never runs, so nothing is stored (and an upload's
 * body is never parsed).
 */
class RateLimitInterceptor implements HandlerInterceptor {

    private static final Duration WINDOW = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(RateLimitInterceptor.class);

    private final String bucket;

    private final int limit;

    private final RateLimitCounter counter;

    private final Clock clock;

    private final JsonMapper json;

    private final Counter rejections;

    /**
     * @param bucket the counter's name, per route ({@code posts:create}, {@code media:upload})
     * @param limit requests per organization and hour; {@code 0} turns the limit off
     */
    RateLimitInterceptor(
            String bucket, int limit, RateLimitCounter counter, Clock clock, JsonMapper json, MeterRegistry registry) {
        this.bucket = bucket;
        this.limit = limit;
        this.counter = counter;
        this.clock = clock;
        this.json = json;
        this.rejections = Counter.builder("herald.ratelimit.rejections")
                .description("Requests refused with 429 by a rate limit")
                .tag("limit", bucket)
                .register(registry);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (limit == 0 || !"POST".equals(request.getMethod())) {
            return true;
        }
        if (!(request.getAttribute(CallerOrganization.ATTRIBUTE) instanceof CallerOrganization caller)) {
            return true;
        }
        var now = clock.instant();
        var windowStart = now.truncatedTo(ChronoUnit.HOURS);
        var resetMillis = Duration.between(now, windowStart.plus(WINDOW)).toMillis();
        var resetSeconds = Math.max(1, (resetMillis + 999) / 1000);
        var hits = counter.hit(caller.id(), bucket, windowStart, WINDOW);
        response.setHeader("X-RateLimit-Limit", Integer.toString(limit));
        response.setHeader("X-RateLimit-Remaining", Integer.toString(Math.max(0, limit - hits)));
        response.setHeader("X-RateLimit-Reset", Long.toString(resetSeconds));
        if (hits <= limit) {
            return true;
        }
        log.warn("Organization {} is over its limit of {} {} per hour", caller.id(), limit, bucket);
        rejections.increment();
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(resetSeconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), NestError.of(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests"));
        return false;
    }
}
