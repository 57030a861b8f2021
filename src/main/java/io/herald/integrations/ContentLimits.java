package io.herald.integrations;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a platform accepts in one post: the longest plain text, counted the way the platform counts
 * it, and the most images.
 */
public record ContentLimits(int maxLength, Unit unit, int maxImages) {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    public enum Unit {
        CHARACTERS("characters"),
        GRAPHEMES("graphemes");

        private final String word;

        Unit(String word) {
            this.word = word;
        }
    }

    /** Why {@code text} with {@code images} images breaks these limits, if it does. */
    public Optional<String> violation(String text, int images) {
        var length = length(text);
        if (length > maxLength) {
            return Optional.of(
                    "The post is " + length + " " + unit.word + " long; at most " + maxLength + " are allowed");
        }
        if (images > maxImages) {
            return Optional.of("The post has " + images + " images; at most " + maxImages + " are allowed");
        }
        return Optional.empty();
    }

    int length(String text) {
        return switch (unit) {
            case CHARACTERS -> text.codePointCount(0, text.length());
            case GRAPHEMES -> (int) GRAPHEME.matcher(text).results().count();
        };
    }
}
