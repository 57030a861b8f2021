package io.herald.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a reader of the change feed stands: after the event at {@code position}. Opaque to clients
 * (so its form may change); 0 is before the first event.
 */
record FeedCursor(long position) {

    private static final String PREFIX = "e1:";

    static final FeedCursor START = new FeedCursor(0);

    String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor {@code text} encodes; empty for anything that is not one of ours. */
    static Optional<FeedCursor> decode(String text) {
        try {
            var decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            if (!decoded.startsWith(PREFIX)) {
                return Optional.empty();
            }
            var position = Long.parseLong(decoded.substring(PREFIX.length()));
            return position < 0 ? Optional.empty() : Optional.of(new FeedCursor(position));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
