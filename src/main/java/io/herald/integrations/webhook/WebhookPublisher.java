package io.herald.integrations.webhook;

import io.herald.integrations.ConfigCheck;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.Publisher;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Delivers posts as signed JSON to a URL of the user's (spec §5.1). */
@Component
class WebhookPublisher implements Publisher {

    private static final ContentLimits LIMITS = new ContentLimits(100_000, ContentLimits.Unit.CHARACTERS, 20);

    @Override
    public String identifier() {
        return "webhook";
    }

    @Override
    public List<String> configErrors(JsonNode config) {
        return ConfigCheck.of(config).url("url", true).text("secret").errors();
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }
}
