package io.herald.integrations.telegram;

import static io.herald.support.LimitItems.item;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telegram's limits, counted in UTF-16 code units as Telegram counts them: 4,096 for a message, 1,024
 * when the text is the caption of media, 10 media in an album; and a config whose token could change
 * a URL's meaning refused without being echoed.
 */
class TelegramLimitsTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final TelegramPublisher telegram = new TelegramPublisher(null, json, null, null);

    @Test
    void takes4096CharactersAlone1024AsACaptionAndTenMedia() {
        var limits = telegram.limits();

        assertThat(limits.violation(item("a".repeat(4096), 0))).isEmpty();
        assertThat(limits.violation(item("a".repeat(4095) + "😀", 0)))
                .contains("The post is 4097 characters long; at most 4096 are allowed (Telegram counts an emoji as 2)");
        assertThat(limits.violation(item("a".repeat(1024), 1))).isEmpty();
        assertThat(limits.violation(item("😀".repeat(513), 10)))
                .contains("The post has media, so its text is their caption: it is 1026 characters long; at most 1024"
                        + " are allowed (Telegram counts an emoji as 2)");
        assertThat(limits.violation(item("hi", 11))).contains("The post has 11 images; at most 10 are allowed");
    }

    @Test
    void aConfigNeedsABotTokenAndAChatOfTheirFormsAndEchoesNeither() {
        assertThat(telegram.configErrors(
                        json.readTree("{\"botToken\":\"" + FakeTelegram.TOKEN + "\",\"chatId\":\"-1001987654321\"}")))
                .isEmpty();
        assertThat(telegram.configErrors(
                        json.readTree("{\"botToken\":\"" + FakeTelegram.TOKEN + "\",\"chatId\":\"@heraldnews\"}")))
                .isEmpty();
        assertThat(telegram.configErrors(json.readTree("{\"botToken\":\"1:a b/../c\",\"chatId\":\"me?x=1\"}")))
                .containsExactly(
                        "config.botToken must be a bot token as BotFather gives it (<bot id>:<secret>)",
                        "config.chatId must be a chat id (like -1001234567890) or a channel's @username");
        assertThat(telegram.configErrors(json.readTree("{\"chatId\":\"1\"}")))
                .containsExactly("config.botToken must be a non-empty string");
    }
}
