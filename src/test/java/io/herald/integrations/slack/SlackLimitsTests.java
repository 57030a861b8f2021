package io.herald.integrations.slack;

import static io.herald.support.LimitItems.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.integrations.PlatformProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's limits: 40,000 characters (Slack cuts longer texts), 10 files, Postiz's {@code channel}
 * setting required, a channel id; a by-hand config is a Slack token; text is escaped as Slack asks.
 */
class SlackLimitsTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final SlackPublisher slack = new SlackPublisher(
            null,
            null,
            json,
            new PlatformProperties(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30),
                    new PlatformProperties.Retry(3, Duration.ofSeconds(1)),
                    new PlatformProperties.Image(DataSize.ofMegabytes(10), Duration.ofSeconds(20), false),
                    new PlatformProperties.MediaProcessing(Duration.ofSeconds(1), Duration.ofSeconds(60)),
                    DataSize.ofMegabytes(1)),
            null);

    @Test
    void takes40000CharactersTenFilesAndNeedsAChannelId() {
        var limits = slack.limits();

        assertThat(limits.violation(item("a".repeat(40_000), 10, "channel", "C0GENERAL1")))
                .isEmpty();
        assertThat(limits.violation(item("a".repeat(40_001), 0, "channel", "C0GENERAL1")))
                .contains("The post is 40001 characters long; at most 40000 are allowed");
        assertThat(limits.violation(item("hi", 11, "channel", "C0GENERAL1")))
                .contains("The post has 11 images; at most 10 are allowed");
        assertThat(limits.violation(item("hi", 0)))
                .contains("settings.channel must be the id of the Slack channel to post in (like C0123456789)");
        assertThat(limits.violation(item("hi", 0, "channel", "general")))
                .contains("settings.channel must be the id of the Slack channel to post in (like C0123456789)");
    }

    @Test
    void aConfigByHandIsTheBotsToken() {
        assertThat(slack.configErrors(json.readTree("{\"botToken\":\"" + FakeSlack.BOT_TOKEN + "\"}")))
                .isEmpty();
        assertThat(slack.configErrors(json.readTree("{}")))
                .containsExactly("config.botToken must be the app's bot token (xoxb-...)");
        assertThat(slack.configErrors(json.readTree("{\"botToken\":\"hunter2\"}")))
                .containsExactly("config.botToken must be a Slack token (xoxb-...)");
    }

    @Test
    void escapesWhatSlackReadsAsMarkup() {
        assertThat(SlackPublisher.escape("a < b && c > <@U1>")).isEqualTo("a &lt; b &amp;&amp; c &gt; &lt;@U1&gt;");
    }
}
