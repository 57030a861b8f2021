package io.herald.idempotency;

import io.herald.web.PublicApi;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** Puts the Idempotency-Key check on the routes spec §10.5 lists, after the API key, before the rate limit. */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration implements WebMvcConfigurer {

    /** After the API-key interceptor (order 0), before the rate limit (order 2). */
    private static final int AFTER_AUTHENTICATION = 1;

    private final IdempotencyKeys keys;

    private final JsonMapper json;

    IdempotencyConfiguration(IdempotencyKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new IdempotencyInterceptor(keys, json))
                .addPathPatterns(
                        PublicApi.PATH + "/posts",
                        PublicApi.PATH + "/posts/{id}",
                        PublicApi.PATH + "/posts/group/{group}",
                        PublicApi.PATH + "/posts/{id}/restore",
                        PublicApi.PATH + "/posts/group/{group}/restore")
                .order(AFTER_AUTHENTICATION);
    }
}
