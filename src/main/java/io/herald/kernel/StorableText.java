package io.herald.kernel;

import tools.jackson.databind.JsonNode;

/**
 * Text PostgreSQL can store. It refuses U+0000 in {@code text} and {@code jsonb} (a 500 if it ever
 * got that far), and a UTF-16 surrogate without its partner has no UTF-8 form: JSON can carry
 * both ({@code "\u0000"}, {@code "\ud800"}), so every string a request stores is checked first.
 */
public final class StorableText {

    /** The message of a refusal, after the field's path (class-validator style). */
    public static final String REFUSAL = "must not contain NUL or unpaired surrogate characters";

    private StorableText() {}

    public static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Every string of the tree, property names included, is storable. */
    public static boolean isStorable(JsonNode node) {
        if (node.isString()) {
            return isStorable(node.asString());
        }
        if (node.isObject()) {
            for (var property : node.properties()) {
                if (!isStorable(property.getKey()) || !isStorable(property.getValue())) {
                    return false;
                }
            }
        } else if (node.isArray()) {
            for (var element : node) {
                if (!isStorable(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The text without the characters PostgreSQL cannot store. */
    public static String strip(String text) {
        if (isStorable(text)) {
            return text;
        }
        var kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                kept.append(c).append(text.charAt(++i));
            } else if (c != '\u0000' && !Character.isSurrogate(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
