package io.herald.integrations.slack;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Herald's Slack app (api.slack.com/apps), whose bot is installed into a workspace when it is
 * connected. Integrations given a bot token by hand in {@code config} need none of this.
 *
 * @param clientId the app's client id; without it (and the secret) workspaces cannot be connected
 * @param clientSecret the app's client secret
 * @param authorizationUrl where browsers install the app (default {@code https://slack.com/oauth/v2/authorize})
 * @param apiUrl Slack's Web API, {@code oauth.v2.access} included (default {@code https://slack.com/api})
 */
@Validated
@ConfigurationProperties("herald.providers.slack")
record SlackProperties(
        String clientId,
        String clientSecret,

        @DefaultValue("https://slack.com/oauth/v2/authorize") @NotNull
        URI authorizationUrl,

        @DefaultValue("https://slack.com/api") @NotNull URI apiUrl) {

    boolean configured() {
        return StringUtils.hasText(clientId) && StringUtils.hasText(clientSecret);
    }

    URI method(String method) {
        return URI.create(apiUrl.toString().replaceAll("/+$", "") + "/" + method);
    }

    @Override
    public String toString() {
        return "SlackProperties[clientId=" + clientId + ", apiUrl=" + apiUrl + "]";
    }
}
