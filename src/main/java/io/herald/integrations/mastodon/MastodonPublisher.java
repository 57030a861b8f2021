package io.herald.integrations.mastodon;

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

/** Posts statuses to a Mastodon instance with an access token. */
@Component
class MastodonPublisher implements Publisher {

    // Mastodon's default instance limits: 500 characters, 4 media attachments.
    private static final ContentLimits LIMITS = new ContentLimits(500, ContentLimits.Unit.CHARACTERS, 4);

    @Override
    public String identifier() {
        return "mastodon";
    }

    @Override
    public List<String> configErrors(JsonNode config) {
        return ConfigCheck.of(config)
                .url("instanceUrl", true)
                .text("accessToken")
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
