package io.herald.integrations.linkedin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Herald's app on LinkedIn (a LinkedIn developer app with "Sign In with LinkedIn using OpenID
 * Connect" and "Share on LinkedIn"), for members' own posts ({@code linkedin}).
 *
 * @param clientId the app's client id; without it (and the secret) LinkedIn accounts cannot be connected
 * @param clientSecret the app's primary client secret
 * @param authorizationUrl where browsers authorize the app (default {@code https://www.linkedin.com/oauth/v2/authorization})
 * @param tokenUrl LinkedIn's token endpoint (default {@code https://www.linkedin.com/oauth/v2/accessToken})
 * @param apiUrl LinkedIn's API (default {@code https://api.linkedin.com})
 * @param version the {@code LinkedIn-Version} of the versioned API (YYYYMM, default {@code 202610});
 *     LinkedIn retires a version about a year after it came out, so raise it with LinkedIn's announcements
 */
@Validated
@ConfigurationProperties("herald.providers.linkedin")
record LinkedInProperties(
        String clientId,
        String clientSecret,

        @DefaultValue("https://www.linkedin.com/oauth/v2/authorization") @NotNull
        URI authorizationUrl,

        @DefaultValue("https://www.linkedin.com/oauth/v2/accessToken") @NotNull
        URI tokenUrl,

        @DefaultValue("https://api.linkedin.com") @NotNull URI apiUrl,
        @DefaultValue("202610") @NotBlank String version) {

    URI api(String path) {
        return URI.create(apiUrl.toString().replaceAll("/+$", "") + path);
    }

    @Override
    public String toString() {
        return "LinkedInProperties[clientId=" + clientId + ", apiUrl=" + apiUrl + ", version=" + version + "]";
    }
}
