package io.herald.integrations.facebook;

import io.herald.integrations.meta.MetaApp;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Herald's app on Meta for Facebook pages (a Meta developer app of type Business with Facebook Login
 * for Business); Instagram uses the same app unless {@code herald.providers.instagram} names another.
 *
 * @param clientId the app's id; without it (and the secret) Facebook pages cannot be connected
 * @param clientSecret the app's secret
 * @param authorizationUrl Facebook Login's dialog (default {@code https://www.facebook.com/v25.0/dialog/oauth})
 * @param graphUrl the Graph API, version included (default {@code https://graph.facebook.com/v25.0});
 *     Meta retires a version two years after the next one came out, so raise it with Meta's changelog
 */
@Validated
@ConfigurationProperties("herald.providers.facebook")
record FacebookProperties(
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
        return "FacebookProperties[clientId=" + clientId + ", graphUrl=" + graphUrl + "]";
    }
}
