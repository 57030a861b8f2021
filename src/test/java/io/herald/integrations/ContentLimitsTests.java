package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Platform limits count the way the platform does: Mastodon characters, Bluesky graphemes (spec §4.1). */
class ContentLimitsTests {

    private static final ContentLimits MASTODON = new ContentLimits(500, ContentLimits.Unit.CHARACTERS, 4);

    private static final ContentLimits BLUESKY = new ContentLimits(300, ContentLimits.Unit.GRAPHEMES, 4);

    /** One grapheme of five code points (man, zero-width joiner, woman, joiner, girl). */
    private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

    @Test
    void countsMastodonCharactersAsCodePoints() {
        assertThat(MASTODON.violation("a".repeat(500), 0)).isEmpty();
        assertThat(MASTODON.violation("😀".repeat(500), 0)).isEmpty();
        assertThat(MASTODON.violation("😀".repeat(501), 0))
                .contains("The post is 501 characters long; at most 500 are allowed");
    }

    @Test
    void countsBlueskyGraphemes() {
        assertThat(BLUESKY.violation(FAMILY.repeat(300), 0)).isEmpty();
        assertThat(BLUESKY.violation("e\u0301".repeat(300), 0)).isEmpty();
        assertThat(BLUESKY.violation(FAMILY.repeat(301), 0))
                .contains("The post is 301 graphemes long; at most 300 are allowed");
    }

    @Test
    void takesEmptyTextAndExactlyTheLimits() {
        assertThat(MASTODON.violation("", 0)).isEmpty();
        assertThat(MASTODON.violation("a".repeat(500), 4)).isEmpty();
        assertThat(BLUESKY.violation("a".repeat(300), 4)).isEmpty();
    }

    @Test
    void namesTheTextBeforeTheImagesWhenBothAreOver() {
        assertThat(MASTODON.violation("a".repeat(501), 5))
                .contains("The post is 501 characters long; at most 500 are allowed");
    }

    @Test
    void countsAGraphemeOfManyCodePointsAsManyCharacters() {
        assertThat(MASTODON.violation(FAMILY.repeat(101), 0))
                .as("101 families are 505 code points")
                .contains("The post is 505 characters long; at most 500 are allowed");
    }

    @Test
    void limitsImages() {
        assertThat(MASTODON.violation("", 4)).isEmpty();
        assertThat(MASTODON.violation("", 5)).contains("The post has 5 images; at most 4 are allowed");
    }
}
