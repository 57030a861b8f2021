package io.herald.web;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Absolute URLs under the server's public base URL ({@code herald.public-url}). The setting is
 * resolved when a URL is built rather than at start-up, so it may refer to properties that exist
 * only once the server listens (tests use {@code ${local.server.port}}).
 */
@Component
@EnableConfigurationProperties(PublicUrlProperties.class)
public class PublicUrl {

    private final String configured;

    private final Environment environment;

    PublicUrl(PublicUrlProperties properties, Environment environment) {
        this.configured = properties.publicUrl();
        this.environment = environment;
        if (!configured.contains("${")) {
            base(configured);
        }
    }

    /** The absolute URL of {@code path} (which starts with a slash) on this server. */
    public String of(String path) {
        return resolvedBase() + path;
    }

    /** Whether {@code uri} is on this server: the public base URL's scheme, host and port. */
    public boolean serves(URI uri) {
        var base = URI.create(resolvedBase());
        return base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().equalsIgnoreCase(uri.getHost())
                && port(base) == port(uri);
    }

    private String resolvedBase() {
        return base(environment.resolveRequiredPlaceholders(configured));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String base(String value) {
        var trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            var uri = new URI(trimmed);
            var scheme = uri.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    || uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw invalid(value);
            }
        } catch (URISyntaxException e) {
            throw invalid(value);
        }
        return trimmed;
    }

    private static IllegalStateException invalid(String value) {
        return new IllegalStateException(
                "herald.public-url must be an absolute http(s) URL without query, e.g. https://herald.example.com/api; got "
                        + value);
    }
}
