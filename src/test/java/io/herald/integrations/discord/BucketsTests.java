package io.herald.integrations.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What Discord said of its rate limits holds a channel (or every channel of a bot, when global) until the reset. */
class BucketsTests {

    private static final Instant NOW = Instant.parse("2030-05-01T09:00:00Z");

    private final Buckets buckets = new Buckets();

    @Test
    void anEmptyChannelWaitsUntilItsResetAndOnlyThatChannelOfThatBot() {
        buckets.channelEmpty("bot", "1", NOW.plusSeconds(2));

        assertThat(buckets.waitUntil("bot", "1", NOW)).contains(NOW.plusSeconds(2));
        assertThat(buckets.waitUntil("bot", "2", NOW)).isEmpty();
        assertThat(buckets.waitUntil("other", "1", NOW)).isEmpty();
        assertThat(buckets.waitUntil("bot", "1", NOW.plusSeconds(2))).isEmpty();
        assertThat(buckets.waitUntil("bot", "1", NOW))
                .as("a passed reset is forgotten")
                .isEmpty();
    }

    @Test
    void aGlobalLimitHoldsEveryChannelOfTheBotAndTheLaterResetWins() {
        buckets.channelEmpty("bot", "1", NOW.plusSeconds(5));
        buckets.channelEmpty("bot", "1", NOW.plusSeconds(1));
        buckets.globalEmpty("bot", NOW.plusSeconds(3));

        assertThat(buckets.waitUntil("bot", "1", NOW)).contains(NOW.plusSeconds(5));
        assertThat(buckets.waitUntil("bot", "2", NOW)).contains(NOW.plusSeconds(3));
    }
}
