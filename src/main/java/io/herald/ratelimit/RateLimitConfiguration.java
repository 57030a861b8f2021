package io.herald.ratelimit;

import io.herald.web.PublicApi;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration implements WebMvcConfigurer {

    /** After the API-key interceptor (order 0): the caller's organization must be known. */
    private static final int AFTER_AUTHENTICATION = 1;

    private final PostsRateLimitInterceptor posts;

    RateLimitConfiguration(PostsRateLimitInterceptor posts) {
        this.posts = posts;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(posts)
                .addPathPatterns(PublicApi.PATH + "/posts")
                .order(AFTER_AUTHENTICATION);
    }
}
