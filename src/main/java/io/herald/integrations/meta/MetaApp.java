package io.herald.integrations.meta;

import java.net.URI;
import org.springframework.util.StringUtils;

/**
 * An app registered with Meta, and where its platform lives.
 *
 * @param authorizationUrl where browsers authorize the app
 * @param graphUrl the platform's Graph API, version included where the platform versions its paths
 */
public record MetaApp(String clientId, String clientSecret, URI authorizationUrl, URI graphUrl) {

    public boolean configured() {
        return StringUtils.hasText(clientId) && StringUtils.hasText(clientSecret);
    }

    @Override
    public String toString() {
        return "MetaApp[clientId=" + clientId + ", graphUrl=" + graphUrl + "]";
    }
}
