package io.herald.integrations.discord;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Herald's application on Discord (the Developer Portal's application, with its bot). Connecting a
 * server through Discord adds this bot to it, and the bot posts; integrations given a bot token of
 * their own in {@code config} need none of this.
 *
 * @param clientId the application's client id; without it (and the secret and bot token) servers cannot be connected
 * @param clientSecret the application's OAuth2 client secret
 * @param botToken the application's bot token, which posts for every connected server
 * @param authorizationUrl where browsers authorize the bot (default {@code https://discord.com/oauth2/authorize})
 * @param apiUrl Discord's API, token endpoint included (default {@code https://discord.com/api/v10})
 */
@Validated
@ConfigurationProperties("herald.providers.discord")
record DiscordProperties(
        String clientId,
        String clientSecret,
        String botToken,

        @DefaultValue("https://discord.com/oauth2/authorize") @NotNull
        URI authorizationUrl,

        @DefaultValue("https://discord.com/api/v10") @NotNull
        URI apiUrl) {

    boolean configured() {
        return StringUtils.hasText(clientId) && StringUtils.hasText(clientSecret) && StringUtils.hasText(botToken);
    }

    URI api(String path) {
        return URI.create(apiUrl.toString().replaceAll("/+$", "") + path);
    }

    @Override
    public String toString() {
        return "DiscordProperties[clientId=" + clientId + ", apiUrl=" + apiUrl + "]";
    }
}
