package io.herald.posts.domain;

import io.herald.content.Html;
import io.herald.integrations.Channel;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.Integrations;
import io.herald.kernel.Ids;
import io.herald.posts.publishing.EditedPost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a post must be to go to its platform: an integration of the organization that can publish,
 * and content within the provider's rules (checked on whatever is queued, never on drafts).
 */
@Component
class PlatformRules {

    private final Integrations integrations;

    private final JsonMapper json;

    PlatformRules(Integrations integrations, JsonMapper json) {
        this.integrations = integrations;
        this.json = json;
    }

    /** The usable integration of each entry, in entry order; with {@code checkContent}, its platform's rules too. */
    List<Channel> channels(CreatePost command, boolean checkContent) {
        var ids = command.entries().stream()
                .map(entry -> Ids.parse(entry.integrationId()))
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        var usable = integrations.usable(command.organizationId(), ids);
        var channels = new ArrayList<Channel>();
        for (var entry : command.entries()) {
            var channel = Ids.parse(entry.integrationId())
                    .map(usable::get)
                    .orElseThrow(() -> new UnknownIntegrationException(entry.integrationId()));
            if (checkContent) {
                for (int i = 0; i < entry.values().size(); i++) {
                    var value = entry.values().get(i);
                    var media = value.images().stream().map(PostImage::path).toList();
                    check(channel, new ContentLimits.Item(value.text(), media, i > 0, entry.settings()));
                }
            }
            channels.add(channel);
        }
        return channels;
    }

    /** Checks stored posts about to be queued against their platforms' rules. */
    void checkStored(UUID organizationId, List<Post> stored) {
        var usable = integrations.usable(
                organizationId, stored.stream().map(Post::integrationId).collect(Collectors.toSet()));
        for (var member : stored) {
            var channel = usable.get(member.integrationId());
            if (channel == null) {
                throw new UnknownIntegrationException(member.integrationId().toString());
            }
            check(channel, item(member.content(), member.imageJson(), member.threadIndex() > 0, member.settingsJson()));
        }
    }

    /** Checks edited posts of the integrations (integration id to its posts) about to stay queued. */
    void checkEdited(UUID organizationId, Map<UUID, List<EditedPost>> edited) {
        var usable = integrations.usable(organizationId, edited.keySet());
        edited.forEach((integration, posts) -> {
            var channel = usable.get(integration);
            if (channel == null) {
                throw new UnknownIntegrationException(integration.toString());
            }
            for (var post : posts) {
                check(channel, item(post.content(), post.imageJson(), post.threadIndex() > 0, post.settingsJson()));
            }
        });
    }

    /** A stored post's content as the provider's rules read it. */
    ContentLimits.Item item(String html, String imageJson, boolean isReply, String settingsJson) {
        var media = new ArrayList<String>();
        json.readTree(imageJson).forEach(image -> media.add(image.path("path").asString("")));
        return new ContentLimits.Item(Html.text(html), media, isReply, settings(settingsJson));
    }

    static void check(Channel channel, ContentLimits.Item item) {
        channel.limits().violation(item).ifPresent(message -> {
            throw new ProviderRuleException(channel.identifier(), channel.name(), message);
        });
    }

    private JsonNode settings(String settingsJson) {
        return json.readTree(settingsJson);
    }
}
