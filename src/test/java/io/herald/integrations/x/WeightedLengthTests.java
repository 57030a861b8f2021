package io.herald.integrations.x;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** X's weighted length (twitter-text v3), which decides the 280 limit. */
class WeightedLengthTests {

    private static int length(String text) {
        return WeightedLength.X.length(text);
    }

    @Test
    void latinAndOtherLightScriptsCountOne() {
        assertThat(length("Hello, world")).isEqualTo(12);
        assertThat(length("Ünïcödé ΑΒΓ Привет שלום مرحبا नमस्ते")).isEqualTo(36);
        // general punctuation's dashes, quotes and primes are light too
        assertThat(length("“quoted” — en–dash ′")).isEqualTo(20);
    }

    @Test
    void cjkAndKanaAndHangulCountTwo() {
        assertThat(length("日本語")).isEqualTo(6);
        assertThat(length("ひらがなカタカナ")).isEqualTo(16);
        assertThat(length("한국어")).isEqualTo(6);
        assertThat(length("a日b")).isEqualTo(4);
    }

    @Test
    void anEmojiCountsTwoWhateverItIsMadeOf() {
        assertThat(length("😀")).isEqualTo(2);
        // man, joiner, woman, joiner, girl: one emoji
        assertThat(length("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67")).isEqualTo(2);
        // a flag (two regional indicators), a thumb with a skin tone, a keycap, a heart as emoji
        assertThat(length("\uD83C\uDDEB\uD83C\uDDF7")).isEqualTo(2);
        assertThat(length("\uD83D\uDC4D\uD83C\uDFFD")).isEqualTo(2);
        assertThat(length("1\uFE0F\u20E3")).isEqualTo(2);
        assertThat(length("\u2665\uFE0F")).isEqualTo(2);
        assertThat(length("ok 😀😀")).isEqualTo(7);
    }

    @Test
    void aUrlCountsTwentyThreeWhateverItsLength() {
        assertThat(length("https://example.com")).isEqualTo(23);
        assertThat(length("https://example.com/" + "a".repeat(200) + "?q=1")).isEqualTo(23);
        assertThat(length("see http://a.io and www.example.org/path.")).isEqualTo(4 + 23 + 5 + 23 + 1);
        // a closing parenthesis after a link is not part of it, as Herald writes links from HTML
        assertThat(length("site (https://herald.test)")).isEqualTo(6 + 23 + 1);
    }

    @Test
    void textIsNormalizedBeforeItIsCounted() {
        // e and a combining acute accent: one character once composed
        assertThat(length("e\u0301".repeat(10))).isEqualTo(10);
    }

    @Test
    void countsTheWayTheLimitIsReached() {
        assertThat(length("a".repeat(256) + " https://example.com")).isEqualTo(280);
        assertThat(length("a".repeat(257) + " https://example.com/long/path")).isEqualTo(281);
        assertThat(length("日".repeat(140))).isEqualTo(280);
        assertThat(length("日".repeat(140) + "a")).isEqualTo(281);
    }
}
