package io.herald.integrations.linkedin;

/**
 * LinkedIn reads a post's {@code commentary} (and a comment's text) as its "little text format",
 * where {@code | { } @ [ ] ( ) < > # \ * _ ~} mark mentions, hashtags and templates: plain text
 * must escape them with a backslash, or LinkedIn refuses the post or drops what follows.
 */
final class LittleText {

    private static final String RESERVED = "|{}@[]()<>#\\*_~";

    private LittleText() {}

    static String escape(String text) {
        var escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp < 128 && RESERVED.indexOf(cp) >= 0) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(cp);
        });
        return escaped.toString();
    }
}
