package io.herald.integrations.x;

import io.herald.integrations.ContentLimits;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * A post's length as X counts it (the weighted length of its open-source twitter-text, version 3):
 * the text is NFC-normalized; a URL counts 23 whatever its length (X shortens every link to a
 * t.co link of that length); an emoji counts 2, a whole sequence (family, flag, skin tone, keycap)
 * as one; every other character counts 1 in the ranges X weighs lightly (Latin, Greek, Cyrillic,
 * Hebrew, Arabic, Indic scripts and the rest up to U+10FF, general punctuation's spaces, dashes,
 * quotes and primes) and 2 elsewhere (CJK ideographs, kana, Hangul, most symbols).
 *
 * <p>URLs are those with an {@code http(s)://} scheme or a {@code www.} prefix. X also links a
 * bare domain with a known top-level domain ("example.com"); those count here by their characters.
 */
enum WeightedLength implements ContentLimits.Measure {
    X;

    static final int URL_LENGTH = 23;

    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)[^\\s<>\"]+[^\\s<>\"?!.,:;)\\]}'*]", Pattern.UNICODE_CHARACTER_CLASS);

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    /** Code point ranges that weigh 1 (twitter-text's config v3); everything else weighs 2. */
    private static final int[][] LIGHT = {{0x0000, 0x10FF}, {0x2000, 0x200D}, {0x2010, 0x201F}, {0x2032, 0x2037}};

    @Override
    public int length(String text) {
        var normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
        var length = 0;
        var urls = URL.matcher(normalized);
        var from = 0;
        while (urls.find()) {
            length += weigh(normalized.substring(from, urls.start())) + URL_LENGTH;
            from = urls.end();
        }
        return length + weigh(normalized.substring(from));
    }

    @Override
    public String unit() {
        return "characters";
    }

    @Override
    public String note() {
        return "X counts a link as 23 characters, an emoji or a CJK character as 2";
    }

    private static int weigh(String text) {
        var weight = 0;
        var clusters = GRAPHEME.matcher(text);
        while (clusters.find()) {
            var cluster = clusters.group();
            if (isEmoji(cluster)) {
                weight += 2;
            } else {
                weight += cluster.codePoints().map(WeightedLength::weight).sum();
            }
        }
        return weight;
    }

    private static int weight(int codePoint) {
        for (var range : LIGHT) {
            if (codePoint >= range[0] && codePoint <= range[1]) {
                return 1;
            }
        }
        return 2;
    }

    /**
     * An emoji, counted 2 however many code points make it: a pictograph (the supplementary emoji
     * blocks, regional-indicator flags), or anything shown as emoji by its presentation selector
     * (U+FE0F) or keycap mark (U+20E3), e.g. "1️⃣" or "♥️".
     */
    private static boolean isEmoji(String cluster) {
        return cluster.codePoints().anyMatch(cp -> (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFE0F || cp == 0x20E3);
    }
}
