package io.herald.support;

import io.herald.integrations.ContentLimits;
import java.util.Collections;
import tools.jackson.databind.node.JsonNodeFactory;

/** Posts to hold against a provider's limits: a root with this text and this many images, no settings. */
public final class LimitItems {

    private LimitItems() {}

    public static ContentLimits.Item item(String text, int images) {
        return new ContentLimits.Item(
                text,
                Collections.nCopies(images, "https://cdn.test/image.png"),
                false,
                JsonNodeFactory.instance.objectNode());
    }

    /** The same root, with the setting {@code key} (e.g. Postiz's {@code channel}) set to {@code value}. */
    public static ContentLimits.Item item(String text, int images, String key, String value) {
        var item = item(text, images);
        return new ContentLimits.Item(
                item.text(),
                item.media(),
                false,
                JsonNodeFactory.instance.objectNode().put(key, value));
    }
}
