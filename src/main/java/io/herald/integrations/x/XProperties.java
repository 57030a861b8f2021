package io.herald.integrations.x;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Herald's app on X (the X developer portal's OAuth 2.0 client of type "Web App", a confidential
 * client).
 *
 * @param clientId the app's OAuth 2.0 client id; without it (and the secret) X accounts cannot be connected
 * @param clientSecret the app's OAuth 2.0 client secret
 * @param authorizationUrl where browsers authorize the app (default {@code https://x.com/i/oauth2/authorize})
 * @param apiUrl X's API, token endpoint included (default {@code https://api.x.com})
 */
@Validated
@ConfigurationProperties("herald.providers.x")
record XProperties(
        String clientId,
        String clientSecret,

        @DefaultValue("https://x.com/i/oauth2/authorize") @NotNull
        URI authorizationUrl,

        @DefaultValue("https://api.x.com") @NotNull URI apiUrl) {

    boolean configured() {
        return StringUtils.hasText(clientId) && StringUtils.hasText(clientSecret);
    }

    URI api(String path) {
        return URI.create(apiUrl.toString().replaceAll("/+$", "") + path);
    }

    @Override
    public String toString() {
        return "XProperties[clientId=" + clientId + ", apiUrl=" + apiUrl + "]";
    }
}
