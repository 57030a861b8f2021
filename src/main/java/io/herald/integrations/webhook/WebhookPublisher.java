package io.herald.integrations.webhook;

import io.herald.integrations.Channel;
import io.herald.integrations.ConfigCheck;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.Publication;
import io.herald.integrations.Publisher;
import io.herald.integrations.Release;
import io.herald.integrations.WebhookSignature;
import io.herald.kernel.ApiTime;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers posts as signed JSON to a URL of the user's (spec §5.1). Deliveries are idempotent for
 * the receiver (the delivery id is the same on every attempt), so they are retried.
 */
@Component
class WebhookPublisher implements Publisher {

    private static final ContentLimits LIMITS = new ContentLimits(100_000, ContentLimits.Unit.CHARACTERS, 20);

    private final PlatformHttp http;

    private final JsonMapper json;

    private final Clock clock;

    WebhookPublisher(PlatformHttp http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String identifier() {
        return "webhook";
    }

    @Override
    public List<String> configErrors(JsonNode config) {
        return ConfigCheck.of(config).url("url", true).text("secret").errors();
    }

    @Override
    public List<String> secretFields() {
        return List.of("secret");
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }

    @Override
    public Release publish(Publication publication, Channel channel, JsonNode config) {
        var body = json.writeValueAsString(delivery(publication, channel));
        var secret = config.path("secret").asString();
        var url = URI.create(config.path("url").asString());
        var answer = http.sendForJson(
                "the webhook",
                () -> {
                    var timestamp = Long.toString(clock.instant().getEpochSecond());
                    return http.request(url)
                            .header("Content-Type", "application/json")
                            .header("X-Herald-Delivery", publication.deliveryId())
                            .header("X-Herald-Timestamp", timestamp)
                            .header("X-Herald-Signature", WebhookSignature.header(secret, timestamp, body))
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build();
                },
                true);
        var id = answer.path("id");
        var releaseId = id.isString() || id.isNumber() ? id.asString() : publication.deliveryId();
        var releaseUrl = answer.path("url").isString() ? answer.path("url").asString() : null;
        return new Release(releaseId, releaseUrl, null);
    }

    private static Map<String, Object> delivery(Publication publication, Channel channel) {
        var post = new LinkedHashMap<String, Object>();
        post.put("id", publication.postId());
        post.put("group", publication.groupId());
        post.put("content", publication.content());
        post.put("text", publication.text());
        post.put("image", publication.images());
        post.put("settings", publication.settings());
        post.put("publishDate", ApiTime.format(publication.publishDate()));
        post.put("parentPostId", publication.parentPostId());
        post.put("threadIndex", publication.threadIndex());
        var integration = new LinkedHashMap<String, Object>();
        integration.put("id", channel.id());
        integration.put("name", channel.name());
        integration.put("identifier", channel.identifier());
        integration.put("profile", channel.profile());
        var delivery = new LinkedHashMap<String, Object>();
        delivery.put("event", "post.publish");
        delivery.put("deliveryId", publication.deliveryId());
        delivery.put("post", post);
        delivery.put("integration", integration);
        delivery.put("organization", Map.of("id", publication.organizationId()));
        return delivery;
    }
}
