package io.herald.integrations.discord;

import static io.herald.support.LimitItems.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Discord's limits: 2,000 characters (code points, as Discord counts them), 10 attachments, and
 * Postiz's {@code channel} setting required, a channel id; and what a config must hold, with and
 * without Herald's own bot.
 */
class DiscordLimitsTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final URI API = URI.create("https://discord.com/api/v10");

    private final DiscordPublisher withBot = publisher(FakeDiscord.BOT_TOKEN);

    private final DiscordPublisher withoutBot = publisher(null);

    @Test
    void takes2000CharactersTenAttachmentsAndNeedsAChannelId() {
        var limits = withBot.limits();

        assertThat(limits.violation(item("😀".repeat(2000), 10, "channel", "1200000000000000001")))
                .isEmpty();
        assertThat(limits.violation(item("a".repeat(2001), 0, "channel", "1200000000000000001")))
                .contains("The post is 2001 characters long; at most 2000 are allowed");
        assertThat(limits.violation(item("hi", 11, "channel", "1200000000000000001")))
                .contains("The post has 11 images; at most 10 are allowed");
        assertThat(limits.violation(item("hi", 0)))
                .contains("settings.channel must be the id of the Discord channel to post in");
        assertThat(limits.violation(item("hi", 0, "channel", "#general")))
                .contains("settings.channel must be the id of the Discord channel to post in");
    }

    @Test
    void aConfigNamesABotOfItsOwnOrAServerHeraldsBotIsIn() {
        assertThat(withBot.configErrors(json.readTree("{\"guildId\":\"1100000000000000001\"}")))
                .isEmpty();
        assertThat(withoutBot.configErrors(json.readTree("{\"botToken\":\"" + FakeDiscord.OWN_BOT_TOKEN + "\"}")))
                .isEmpty();
        assertThat(withoutBot.configErrors(json.readTree("{\"guildId\":\"1100000000000000001\"}")))
                .containsExactly("config.botToken is needed: this server has no bot of its own"
                        + " (herald.providers.discord.bot-token)");
        assertThat(withBot.configErrors(json.readTree("{}")))
                .containsExactly("config needs botToken (a bot of the integration's own), or guildId (a server"
                        + " Herald's bot was added to; connecting the server through Discord sets it)");
        assertThat(withBot.configErrors(json.readTree("{\"botToken\":\"Bot abc\",\"guildId\":\"lab\"}")))
                .containsExactly(
                        "config.botToken must be a bot token as Discord's Developer Portal shows it",
                        "config.guildId must be a Discord server id (digits)");
    }

    private static DiscordPublisher publisher(String botToken) {
        return new DiscordPublisher(null, null, json, new DiscordProperties("id", "secret", botToken, API, API), null);
    }
}
