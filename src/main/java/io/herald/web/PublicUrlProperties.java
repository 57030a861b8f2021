package io.herald.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where clients reach this server.
 *
 * @param publicUrl the server's public base URL, context path included and no trailing slash
 *     needed (env {@code HERALD_PUBLIC_URL}); links the server hands out (uploaded media) start with
 *     it; default {@code http://localhost:8080}
 */
@ConfigurationProperties("herald")
record PublicUrlProperties(
        @DefaultValue("http://localhost:8080") String publicUrl) {}
