package io.herald.ratelimit;

import io.herald.web.PublicApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** The public API's hourly limits: creating posts (Postiz's throttle) and uploading media. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration implements WebMvcConfigurer {

    /**
     * After the API-key interceptor (order 0): the caller's organization must be known; and after the
     * Idempotency-Key check (order 1), so that a replayed answer is not counted.
     */
    private static final int AFTER_AUTHENTICATION = 2;

    private final RateLimitInterceptor posts;

    private final RateLimitInterceptor uploads;

    RateLimitConfiguration(
            RateLimitCounter counter,
            RateLimitProperties properties,
            Clock clock,
            JsonMapper json,
            MeterRegistry registry) {
        this.posts =
                new RateLimitInterceptor("posts:create", properties.postsPerHour(), counter, clock, json, registry);
        this.uploads =
                new RateLimitInterceptor("media:upload", properties.uploadsPerHour(), counter, clock, json, registry);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(posts)
                .addPathPatterns(PublicApi.PATH + "/posts")
                .order(AFTER_AUTHENTICATION);
        registry.addInterceptor(uploads)
                .addPathPatterns(PublicApi.PATH + "/upload", PublicApi.PATH + "/upload-from-url")
                .order(AFTER_AUTHENTICATION);
    }
}
