package io.herald.ratelimit;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The public API's rate limits.
 *
 * @param postsPerHour how many {@code POST /public/v1/posts} one organization may send per clock
 *     hour (UTC), counted across every server instance (env {@code HERALD_RATE_LIMIT_POSTS_PER_HOUR});
 *     {@code 0} turns the limit off; default 90
 */
@Validated
@ConfigurationProperties("herald.rate-limit")
record RateLimitProperties(@DefaultValue("90") @Min(0) int postsPerHour) {}
