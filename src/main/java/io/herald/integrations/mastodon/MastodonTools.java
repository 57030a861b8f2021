package io.herald.integrations.mastodon;

import io.herald.integrations.ChannelTools;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mastodon's tools: the account's lists (their ids are what a list-only status would name) and
 * the instance's own limits, which may be lower than Mastodon's default 500 characters.
 */
@Component
class MastodonTools implements ChannelTools {

    private static final List<Tool> TOOLS = List.of(
            new Tool("lists", "The account's lists: their id and title", List.of()),
            new Tool(
                    "instanceLimits",
                    "What the account's instance allows in one status: characters and media",
                    List.of()));

    private final PlatformHttp http;

    private final JsonMapper json;

    MastodonTools(PlatformHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String identifier() {
        return "mastodon";
    }

    @Override
    public List<Tool> tools() {
        return TOOLS;
    }

    @Override
    public JsonNode run(String methodName, JsonNode data, JsonNode config) {
        var instance = MastodonInstance.of(config);
        return switch (methodName) {
            case "lists" -> lists(instance);
            case "instanceLimits" -> instanceLimits(instance);
            default -> throw new IllegalArgumentException("Mastodon has no tool " + methodName);
        };
    }

    private JsonNode lists(MastodonInstance instance) {
        var lists = json.createArrayNode();
        for (var list : instance.get(http, "/api/v1/lists")) {
            lists.addObject()
                    .put("id", list.path("id").asString())
                    .put("title", list.path("title").asString());
        }
        return lists;
    }

    private JsonNode instanceLimits(MastodonInstance instance) {
        var configuration = instance.get(http, "/api/v2/instance").path("configuration");
        var characters = configuration.path("statuses").path("max_characters");
        var media = configuration.path("statuses").path("max_media_attachments");
        if (!characters.isNumber() || !media.isNumber()) {
            throw new PlatformException("Mastodon's instance answered without its status limits");
        }
        return json.createObjectNode()
                .put("maxCharacters", characters.asInt())
                .put("maxMediaAttachments", media.asInt());
    }
}
