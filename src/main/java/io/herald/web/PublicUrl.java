package io.herald.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;
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

    /** Where uploaded media are served, under the base URL. */
    public static final String MEDIA_PATH = "/media/";

    /** A stored file's name: one segment, no dot segments. */
    private static final Pattern MEDIA_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

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

    /**
     * The name of the file of this server's media that {@code uri} names: the public base URL's
     * scheme, host and port, and a path of one segment under {@code <base path>/media/}; empty for
     * anything else of this server (the admin API, actuator, another route), however the path is
     * written, and for every other URL.
     */
    public Optional<String> mediaName(URI uri) {
        var base = URI.create(resolvedBase());
        var prefix = (base.getPath() == null ? "" : base.getPath()) + MEDIA_PATH;
        var path = uri.getPath();
        var own = base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().equalsIgnoreCase(uri.getHost())
                && port(base) == port(uri)
                && uri.getRawUserInfo() == null
                && path != null
                && path.startsWith(prefix)
                && MEDIA_NAME.matcher(path.substring(prefix.length())).matches();
        return own ? Optional.of(path.substring(prefix.length())) : Optional.empty();
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
