package io.herald.integrations.instagram;

import io.herald.integrations.meta.MetaApp;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Meta app through which Instagram professional accounts are connected (Facebook Login, the
 * account being linked to a Facebook page). Unset, the client id and secret are
 * {@code herald.providers.facebook}'s (application.properties says so): one app usually does both.
 *
 * @param clientId the app's id
 * @param clientSecret the app's secret
 * @param authorizationUrl Facebook Login's dialog (default {@code https://www.facebook.com/v25.0/dialog/oauth})
 * @param graphUrl the Graph API, version included (default {@code https://graph.facebook.com/v25.0})
 */
@Validated
@ConfigurationProperties("herald.providers.instagram")
record InstagramProperties(
        String clientId,
        String clientSecret,

        @DefaultValue("https://www.facebook.com/v25.0/dialog/oauth") @NotNull
        URI authorizationUrl,

        @DefaultValue("https://graph.facebook.com/v25.0") @NotNull
        URI graphUrl) {

    MetaApp app() {
        return new MetaApp(clientId, clientSecret, authorizationUrl, graphUrl);
    }

    @Override
    public String toString() {
        return "InstagramProperties[clientId=" + clientId + ", graphUrl=" + graphUrl + "]";
    }
}
