package io.herald.integrations.bluesky;

import static io.herald.support.LimitItems.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/** app.bsky.feed.post: 300 graphemes of text, 4 images. */
class BlueskyLimitsTests {

    /** One grapheme of five code points (man, zero-width joiner, woman, joiner, girl). */
    private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

    private final BlueskyPublisher bluesky = new BlueskyPublisher(null, null, Clock.systemUTC());

    @Test
    void takesThreeHundredGraphemesAndFourImages() {
        var limits = bluesky.limits();

        assertThat(limits.violation(item(FAMILY.repeat(300), 4))).isEmpty();
        assertThat(limits.violation(item(FAMILY.repeat(301), 0)))
                .contains("The post is 301 graphemes long; at most 300 are allowed");
        assertThat(limits.violation(item("a", 5))).contains("The post has 5 images; at most 4 are allowed");
    }
}
