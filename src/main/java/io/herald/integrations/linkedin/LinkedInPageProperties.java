package io.herald.integrations.linkedin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The LinkedIn app for organization pages ({@code linkedin-page}), which needs LinkedIn's Community
 * Management API; LinkedIn wants that product alone on its app, so it is often a second app. Unset,
 * the {@code linkedin} app's id and secret are used. The URLs and version are {@code linkedin}'s.
 *
 * @param clientId the app's client id
 * @param clientSecret the app's primary client secret
 */
@ConfigurationProperties("herald.providers.linkedin-page")
record LinkedInPageProperties(String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "LinkedInPageProperties[clientId=" + clientId + "]";
    }
}
