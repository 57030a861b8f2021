package io.herald.integrations.instagram;

import io.herald.integrations.Channel;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.OAuthProvider;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformRefusedException;
import io.herald.integrations.Publication;
import io.herald.integrations.Publisher;
import io.herald.integrations.Release;
import io.herald.integrations.meta.GraphApi;
import io.herald.integrations.meta.Graphs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Publishes to an Instagram professional account through Instagram's content publishing API: a
 * media container is made from the media's URL ({@code /<ig-user>/media}: an image, a video as a
 * reel, or 2 to 10 carousel items and then their carousel), Herald waits until Instagram reports it
 * {@code FINISHED} (bounded by {@code herald.providers.meta.container-timeout}), and publishes it
 * ({@code /<ig-user>/media_publish}). Instagram fetches the media itself, so it must be on a public
 * server. Thread items become comments on the published post, as Postiz's "first comment" does.
 *
 * <p>A container is invisible until it is published, so making one again after an unknown outcome
 * is safe (the other is never used); publishing and commenting are sent once.
 */
@Component
class InstagramPublisher implements Publisher {

    static final String IDENTIFIER = "instagram";

    // A 2,200-character caption; one image or video, or a carousel of up to 10 of them (mixed);
    // never without media; comments carry text. Postiz's post_type: only feed posts (no stories).
    private static final ContentLimits LIMITS = new ContentLimits(2200, ContentLimits.Unit.CHARACTERS, 10)
            .withTextOnlyThreadItems()
            .withMediaRequired()
            .withSetting("post_type", List.of("post"));

    private final GraphApi graph;

    InstagramPublisher(InstagramProperties properties, Graphs graphs) {
        this.graph = graphs.api("Instagram", properties.graphUrl());
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    /** {@code userId} is the Instagram account's id, the token its page's; connecting through Facebook fills both in. */
    @Override
    public List<String> configErrors(JsonNode config) {
        return GraphApi.configErrors(config, "userId", "the Instagram account", false);
    }

    @Override
    public List<String> secretFields() {
        return OAuthProvider.TOKEN_FIELDS;
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }

    @Override
    public Release publish(Publication publication, Channel channel, JsonNode config) {
        var token = config.path("accessToken").asString();
        var user = GraphApi.id(config.path("userId").asString(), "The Instagram account");
        try {
            if (publication.isReply()) {
                return comment(token, publication);
            }
            var media = publication.images();
            if (media.isEmpty()) {
                throw new PlatformException("Instagram publishes nothing without an image or a video");
            }
            String container;
            if (media.size() == 1) {
                container = container(token, user, media.get(0), publication.text(), false);
                graph.awaitFinished(token, container, "status_code", "status", describe(media.get(0)));
            } else {
                var children = new ArrayList<String>();
                for (var item : media) {
                    var child = container(token, user, item, null, true);
                    graph.awaitFinished(
                            token, child, "status_code", "status", "carousel item " + (children.size() + 1));
                    children.add(child);
                }
                var carousel = new LinkedHashMap<String, String>();
                carousel.put("media_type", "CAROUSEL");
                carousel.put("children", String.join(",", children));
                carousel.put("caption", publication.text());
                container =
                        graph.created(graph.post(token, "/" + user + "/media", carousel, true), "the carousel", false);
                graph.awaitFinished(token, container, "status_code", "status", "the carousel");
            }
            var id = graph.created(
                    graph.post(token, "/" + user + "/media_publish", Map.of("creation_id", container), false),
                    "the post",
                    true);
            var profile = channel.profile() == null || channel.profile().isBlank()
                    ? "https://www.instagram.com/"
                    : "https://www.instagram.com/" + channel.profile() + "/";
            return new Release(id, graph.permalink(token, id, "permalink", profile), null);
        } catch (PlatformRefusedException e) {
            throw graph.refused(e);
        }
    }

    /**
     * A container for one image or video: a single post's (with the caption; a video is a reel) or
     * a carousel item's.
     */
    private String container(String token, String user, Publication.Image media, String caption, boolean item) {
        var form = new LinkedHashMap<String, String>();
        if (ContentLimits.isVideo(media.path())) {
            form.put("media_type", item ? "VIDEO" : "REELS");
            form.put("video_url", media.path());
        } else {
            form.put("image_url", media.path());
            // Instagram takes alt text on image posts, not on reels, stories or carousel items
            if (!item && media.alt() != null && !media.alt().isBlank()) {
                form.put("alt_text", media.alt());
            }
        }
        if (item) {
            form.put("is_carousel_item", "true");
        } else {
            form.put("caption", caption);
        }
        return graph.created(graph.post(token, "/" + user + "/media", form, true), describe(media), false);
    }

    /** A thread item: a comment on the thread's first post, as the account. */
    private Release comment(String token, Publication publication) {
        var root = publication.root();
        if (root == null || root.id() == null) {
            throw new PlatformException("The thread's first post has no Instagram id to comment on");
        }
        var media = GraphApi.id(root.id(), "The thread's first post");
        var id = graph.created(
                graph.post(token, "/" + media + "/comments", Map.of("message", publication.text()), false),
                "the comment",
                true);
        return new Release(id, root.url(), null);
    }

    private static String describe(Publication.Image media) {
        return ContentLimits.isVideo(media.path()) ? "the video" : "the image";
    }
}
