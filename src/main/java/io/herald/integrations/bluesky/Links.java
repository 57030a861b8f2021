package io.herald.integrations.bluesky;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the http(s) links in a post's text, where Bluesky needs them: a post's text is plain, and a
 * link is only clickable through a facet that points at its UTF-8 byte range.
 */
final class Links {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    // Punctuation that ends a sentence more often than it ends a URL.
    private static final String TRAILING = ".,;:!?'\"";

    private Links() {}

    /** A link at bytes {@code [byteStart, byteEnd)} of the UTF-8 text. */
    record Link(int byteStart, int byteEnd, String uri) {}

    static List<Link> in(String text) {
        var links = new ArrayList<Link>();
        var matcher = URL.matcher(text);
        while (matcher.find()) {
            var uri = trim(matcher.group());
            if (uri.endsWith("://")) {
                continue;
            }
            var byteStart = utf8Length(text.substring(0, matcher.start()));
            links.add(new Link(byteStart, byteStart + utf8Length(uri), uri));
        }
        return links;
    }

    /** Drops trailing punctuation, and a closing parenthesis the URL did not open ("site (https://a.b)"). */
    private static String trim(String uri) {
        var end = uri.length();
        while (end > 0) {
            var last = uri.charAt(end - 1);
            if (TRAILING.indexOf(last) >= 0) {
                end--;
            } else if (last == ')' && count(uri, end, '(') < count(uri, end, ')')) {
                end--;
            } else {
                break;
            }
        }
        return uri.substring(0, end);
    }

    private static long count(String text, int end, char c) {
        return text.substring(0, end).chars().filter(ch -> ch == c).count();
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
