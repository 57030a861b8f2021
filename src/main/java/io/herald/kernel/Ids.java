package io.herald.kernel;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ids in paths and bodies are UUIDs; anything else is simply an id that exists nowhere. New ids are
 * time-ordered (UUID version 7, RFC 9562) and increase within one process, so rows sort by creation
 * and index pages fill in order.
 */
public final class Ids {

    private static final SecureRandom random = new SecureRandom();

    private static long lastMillis;

    private static long sequence;

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {}

    public static synchronized UUID next() {
        var now = System.currentTimeMillis();
        if (now > lastMillis) {
            lastMillis = now;
            sequence = random.nextInt(0x400);
        } else if (++sequence > 0xFFF) {
            // 4096 ids in one millisecond: borrow the next millisecond rather than repeat an order.
            lastMillis++;
            sequence = 0;
        }
        var high = (lastMillis << 16) | 0x7000L | sequence;
        var low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    public static Optional<UUID> parse(String id) {
        return id != null && UUID_FORM.matcher(id).matches() ? Optional.of(UUID.fromString(id)) : Optional.empty();
    }
}
