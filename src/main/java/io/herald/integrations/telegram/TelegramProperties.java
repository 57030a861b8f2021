package io.herald.integrations.telegram;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Telegram's Bot API is. Each integration brings its own bot's token in its {@code config}.
 *
 * @param apiUrl the Bot API (default {@code https://api.telegram.org}); a self-hosted Bot API server
 *     (telegram-bot-api) works too
 */
@Validated
@ConfigurationProperties("herald.providers.telegram")
record TelegramProperties(
        @DefaultValue("https://api.telegram.org") @NotNull URI apiUrl) {

    /** A method of the bot: {@code <api>/bot<token>/<method>}. The URL holds the token: it is never shown. */
    URI method(String token, String method) {
        return URI.create(apiUrl.toString().replaceAll("/+$", "") + "/bot" + token + "/" + method);
    }
}
