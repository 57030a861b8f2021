package io.herald.integrations.bluesky;

import io.herald.integrations.Channel;
import io.herald.integrations.ConfigCheck;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.PlatformException;
import io.herald.integrations.Publication;
import io.herald.integrations.Publisher;
import io.herald.integrations.Release;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Posts to Bluesky (AT Protocol) with an app password. */
@Component
class BlueskyPublisher implements Publisher {

    // app.bsky.feed.post allows 300 graphemes of text and 4 images.
    private static final ContentLimits LIMITS = new ContentLimits(300, ContentLimits.Unit.GRAPHEMES, 4);

    @Override
    public String identifier() {
        return "bluesky";
    }

    @Override
    public List<String> configErrors(JsonNode config) {
        return ConfigCheck.of(config)
                .url("service", true)
                .text("identifier")
                .text("appPassword")
                .errors();
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }

    @Override
    public Release publish(Publication publication, Channel channel, JsonNode config) {
        throw new PlatformException("Publishing to " + identifier() + " is not available yet");
    }
}
