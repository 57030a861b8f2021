package io.herald.ratelimit;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The public API's rate limits, per organization and clock hour (UTC), counted across every server
 * instance; {@code 0} turns a limit off.
 *
 * @param postsPerHour {@code POST /public/v1/posts} (env {@code HERALD_RATE_LIMIT_POSTS_PER_HOUR}); default 90
 * @param uploadsPerHour {@code POST /public/v1/upload} (env {@code HERALD_RATE_LIMIT_UPLOADS_PER_HOUR}); default 100
 */
@Validated
@ConfigurationProperties("herald.rate-limit")
record RateLimitProperties(
        @DefaultValue("90") @Min(0) int postsPerHour,
        @DefaultValue("100") @Min(0) int uploadsPerHour) {}
