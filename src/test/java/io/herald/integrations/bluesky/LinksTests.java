package io.herald.integrations.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.integrations.bluesky.Links.Link;
import org.junit.jupiter.api.Test;

class LinksTests {

    @Test
    void countsOffsetsInUtf8Bytes() {
        assertThat(Links.in("é 👋 https://a.test/x")).containsExactly(new Link(8, 24, "https://a.test/x"));
    }

    @Test
    void leavesOutTheParenthesisAndPunctuationAroundALink() {
        assertThat(Links.in("see site (https://herald.test/a). Or http://b.test/p?q=1, then"))
                .containsExactly(new Link(10, 31, "https://herald.test/a"), new Link(37, 56, "http://b.test/p?q=1"));
    }

    @Test
    void keepsParenthesesThatBelongToTheUrl() {
        assertThat(Links.in("https://en.wikipedia.org/wiki/Mastodon_(software)"))
                .containsExactly(new Link(0, 49, "https://en.wikipedia.org/wiki/Mastodon_(software)"));
    }

    @Test
    void findsNothingInTextWithoutLinks() {
        assertThat(Links.in("no links here, not even http:// alone")).isEmpty();
    }
}
