package io.herald.integrations.bluesky;

import io.herald.integrations.Channel;
import io.herald.integrations.ConfigCheck;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.Publication;
import io.herald.integrations.Publisher;
import io.herald.integrations.Release;
import io.herald.kernel.ApiTime;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts to Bluesky (AT Protocol) with an app password: a session from the account's PDS, each image
 * as a blob, then the {@code app.bsky.feed.post} record, as a reply to the thread's root and
 * previous post for thread items.
 *
 * <p>Every call may be repeated after an unknown outcome. Sessions and unreferenced blobs leave
 * nothing anyone sees. The post is written with {@code com.atproto.repo.putRecord} under a record
 * key derived from the delivery id, with {@code swapRecord: null} ("only if there is no record
 * there"): the PDS treats a repeat of the very same record as a no-op and answers the same
 * {@code uri} and {@code cid}, so a retry cannot make a second post, and it refuses to overwrite a
 * different record under that key.
 */
@Component
class BlueskyPublisher implements Publisher {

    // app.bsky.feed.post allows 300 graphemes of text and 4 images.
    private static final ContentLimits LIMITS = new ContentLimits(300, ContentLimits.Unit.GRAPHEMES, 4);

    // app.bsky.embed.images takes image blobs up to 1,000,000 bytes.
    static final int MAX_IMAGE_BYTES = 1_000_000;

    private static final String POST = "app.bsky.feed.post";

    private final PlatformHttp http;

    private final JsonMapper json;

    private final Clock clock;

    BlueskyPublisher(PlatformHttp http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

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
    public List<String> secretFields() {
        return List.of("appPassword");
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }

    @Override
    public Release publish(Publication publication, Channel channel, JsonNode config) {
        // Checked before anything is sent: a reply without its references cannot go out.
        var reply = publication.isReply() ? reply(publication) : null;
        var session = BlueskySession.create(http, json, config);
        var record = post(publication, reply);
        if (!publication.images().isEmpty()) {
            var embed = record.putObject("embed");
            embed.put("$type", "app.bsky.embed.images");
            var images = embed.putArray("images");
            for (var image : publication.images()) {
                images.addObject()
                        .put("alt", image.alt() == null ? "" : image.alt())
                        .set("image", uploadBlob(session, image));
            }
        }
        var rkey = Tid.forDelivery(publication.deliveryId(), publication.publishDate());
        var write = json.createObjectNode();
        write.put("repo", session.did());
        write.put("collection", POST);
        write.put("rkey", rkey);
        write.set("record", record);
        write.putNull("swapRecord");
        // Built once: every attempt sends the same bytes, so a repeat is the PDS's no-op.
        var body = json.writeValueAsString(write);
        var answer = http.sendForJson(
                "Bluesky",
                () -> session.request(http, "com.atproto.repo.putRecord")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                true);
        var uri = answer.path("uri");
        var cid = answer.path("cid");
        if (!uri.isString() || !cid.isString()) {
            throw new PlatformException(
                    "Bluesky accepted the post but answered without its uri and cid; it is probably published");
        }
        var meta = json.createObjectNode().put("uri", uri.asString()).put("cid", cid.asString());
        return new Release(uri.asString(), session.postUrl(rkey), meta);
    }

    /** The post's text with its links as facets, and the reply references of a thread item. */
    private ObjectNode post(Publication publication, ObjectNode reply) {
        var record = json.createObjectNode();
        record.put("$type", POST);
        record.put("text", publication.text());
        record.put("createdAt", ApiTime.format(clock.instant()));
        var links = Links.in(publication.text());
        if (!links.isEmpty()) {
            var facets = record.putArray("facets");
            for (var link : links) {
                var facet = facets.addObject();
                facet.putObject("index").put("byteStart", link.byteStart()).put("byteEnd", link.byteEnd());
                facet.putArray("features")
                        .addObject()
                        .put("$type", "app.bsky.richtext.facet#link")
                        .put("uri", link.uri());
            }
        }
        if (reply != null) {
            record.set("reply", reply);
        }
        return record;
    }

    private ObjectNode reply(Publication publication) {
        var reply = json.createObjectNode();
        reply.set("root", strongRef(publication.root()));
        reply.set("parent", strongRef(publication.parent()));
        return reply;
    }

    private JsonNode uploadBlob(BlueskySession session, Publication.Image image) {
        var fetched = http.fetchImage(image.path());
        if (fetched.bytes().length > MAX_IMAGE_BYTES) {
            throw new PlatformException("Image " + PlatformHttp.withoutSecrets(image.path()) + " is "
                    + fetched.bytes().length + " bytes; Bluesky takes images of at most " + MAX_IMAGE_BYTES + " bytes");
        }
        var answer = http.sendForJson(
                "Bluesky's image upload",
                () -> session.request(http, "com.atproto.repo.uploadBlob")
                        .header("Content-Type", fetched.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(fetched.bytes()))
                        .build(),
                true);
        if (!answer.path("blob").isObject()) {
            throw new PlatformException("Bluesky took image " + PlatformHttp.withoutSecrets(image.path())
                    + " but answered without its blob; nothing was posted");
        }
        return answer.path("blob");
    }

    /** The {@code com.atproto.repo.strongRef} of an earlier post of the thread, kept in its release's meta. */
    private ObjectNode strongRef(Release release) {
        var meta = release == null ? null : release.meta();
        if (meta == null || !meta.path("uri").isString() || !meta.path("cid").isString()) {
            throw new PlatformException("The thread's earlier post has no Bluesky uri and cid to reply to");
        }
        return json.createObjectNode()
                .put("uri", meta.path("uri").asString())
                .put("cid", meta.path("cid").asString());
    }
}
