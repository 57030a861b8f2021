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
}
