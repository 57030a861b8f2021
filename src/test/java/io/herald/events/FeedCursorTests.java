package io.herald.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedCursorTests {

    @Test
    void aCursorReadsBackAsItsPosition() {
        assertThat(FeedCursor.decode(new FeedCursor(1234567890123L).encode())).contains(new FeedCursor(1234567890123L));
        assertThat(FeedCursor.decode(FeedCursor.START.encode())).contains(FeedCursor.START);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "%%%", "ZTE6", "ZTE6LTE", "eDE6NQ"})
    void anythingElseIsNoCursor(String text) {
        assertThat(FeedCursor.decode(text)).isEmpty();
    }

    @Test
    void aCursorIsUrlSafe() {
        var encoded = new FeedCursor(Long.MAX_VALUE).encode();
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII))
                .isEqualTo("e1:" + Long.MAX_VALUE);
    }
}
