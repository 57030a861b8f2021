package io.herald.posts.api;

/** The group version a request's {@code If-Match} names (the ETag of {@code GET /posts/{id}} is {@code "<version>"}). */
final class Versions {

    /** Matches no version: a tag Herald never gave out is stale. */
    private static final long NONE = -1;

    private Versions() {}

    /** The expected version; null without the header or for {@code *} (any version). */
    static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        var tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return NONE;
        }
    }
}
