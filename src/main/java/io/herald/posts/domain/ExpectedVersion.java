package io.herald.posts.domain;

import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * What a request's {@code If-Match} asks of a group's version (its ETag {@code "<version>"}):
 * nothing (no header, or {@code *}), or one of the entity tags it lists. Comparison is strong, as
 * RFC 9110 has it for If-Match: a weak tag ({@code W/"3"}) or anything that is not a current tag
 * never matches.
 */
public final class ExpectedVersion {

    /** No {@code If-Match}: any version will do. */
    public static final ExpectedVersion ANY = new ExpectedVersion(null);

    private final String ifMatch;

    private ExpectedVersion(String ifMatch) {
        this.ifMatch = ifMatch;
    }

    /** The {@code If-Match} header's value; null (no header) asks for nothing. */
    public static ExpectedVersion ifMatch(String header) {
        return header == null ? ANY : new ExpectedVersion(header.trim());
    }

    /**
     * Refuses with {@link StaleVersionException} unless the group's current version is one asked
     * for; reads it only when a version is asked for (a delete without If-Match is one statement fewer).
     */
    void require(UUID group, LongSupplier version) {
        if (ifMatch == null || ifMatch.equals("*")) {
            return;
        }
        var current = version.getAsLong();
        var expected = -1L;
        for (var tag : ifMatch.split(",")) {
            var value = tag.trim();
            if (value.equals("\"" + current + "\"")) {
                return;
            }
            if (expected < 0 && value.matches("\"\\d{1,18}\"")) {
                expected = Long.parseLong(value.substring(1, value.length() - 1));
            }
        }
        throw new StaleVersionException(group, expected, current);
    }
}
