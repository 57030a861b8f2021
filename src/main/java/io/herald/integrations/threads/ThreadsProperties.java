package io.herald.integrations.threads;

import io.herald.integrations.meta.MetaApp;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Herald's app on Threads (a Meta developer app with the Threads use case; Threads has its own app
 * id and secret, and its own login).
 *
 * @param clientId the Threads app id; without it (and the secret) Threads accounts cannot be connected
 * @param clientSecret the Threads app secret
 * @param authorizationUrl where browsers authorize the app (default {@code https://threads.net/oauth/authorize})
 * @param apiUrl the Threads API, token endpoints included (default {@code https://graph.threads.net})
 */
@Validated
@ConfigurationProperties("herald.providers.threads")
record ThreadsProperties(
        String clientId,
        String clientSecret,

        @DefaultValue("https://threads.net/oauth/authorize") @NotNull
        URI authorizationUrl,

        @DefaultValue("https://graph.threads.net") @NotNull URI apiUrl) {

    /** The version of the Threads API Herald speaks; its token endpoints are not versioned. */
    static final String VERSION = "/v1.0";

    MetaApp app() {
        return new MetaApp(clientId, clientSecret, authorizationUrl, apiUrl);
    }

    /** The versioned API, where posts and profiles are. */
    URI versioned() {
        return URI.create(apiUrl.toString().replaceAll("/+$", "") + VERSION);
    }

    @Override
    public String toString() {
        return "ThreadsProperties[clientId=" + clientId + ", apiUrl=" + apiUrl + "]";
    }
}
