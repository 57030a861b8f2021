package io.herald.integrations.telegram;

import io.herald.integrations.ContentLimits;

/**
 * A text's length as Telegram counts it: in UTF-16 code units (its entity offsets are counted so
 * too), so an emoji or another character beyond the Basic Multilingual Plane counts 2.
 */
enum Utf16Length implements ContentLimits.Measure {
    TELEGRAM;

    @Override
    public int length(String text) {
        return text.length();
    }

    @Override
    public String unit() {
        return "characters";
    }

    @Override
    public String note() {
        return "Telegram counts an emoji as 2";
    }
}
