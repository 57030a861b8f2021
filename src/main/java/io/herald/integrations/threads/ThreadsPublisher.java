package io.herald.integrations.threads;

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
 * Publishes to Threads through its API: a media container ({@code /<user>/threads}: text, an image,
 * a video, or up to 20 carousel items and then their carousel), a wait until Threads reports it
 * {@code FINISHED} (bounded by {@code herald.providers.meta.container-timeout}), then
 * {@code /<user>/threads_publish}. Thread items are replies to the previous post of the thread
 * ({@code reply_to_id}), with their own media. Threads fetches media from their URL, so they must be
 * on a public server.
 *
 * <p>A container is invisible until it is published, so making one again after an unknown outcome
 * is safe; publishing is sent once.
 */
@Component
class ThreadsPublisher implements Publisher {

    static final String IDENTIFIER = "threads";

    // 500 characters; one image or video, or a carousel of up to 20 (mixed); replies are posts too.
    private static final ContentLimits LIMITS = new ContentLimits(500, ContentLimits.Unit.CHARACTERS, 20);

    private final GraphApi graph;

    ThreadsPublisher(ThreadsProperties properties, Graphs graphs) {
        this.graph = graphs.api("Threads", properties.versioned());
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    /** {@code userId} is the Threads account's id; connecting through Threads fills everything in. */
    @Override
    public List<String> configErrors(JsonNode config) {
        return GraphApi.configErrors(config, "userId", "the Threads account", true);
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
        var user = GraphApi.id(config.path("userId").asString(), "The Threads account");
        String replyTo = null;
        if (publication.isReply()) {
            if (publication.parent().id() == null) {
                throw new PlatformException("The thread's previous post has no Threads id to reply to");
            }
            replyTo = GraphApi.id(publication.parent().id(), "The thread's previous post");
        }
        try {
            var media = publication.images();
            var post = new LinkedHashMap<String, String>();
            String what;
            if (media.isEmpty()) {
                post.put("media_type", "TEXT");
                what = "the post";
            } else if (media.size() == 1) {
                post.putAll(media(media.get(0)));
                what = describe(media.get(0));
            } else {
                var children = new ArrayList<String>();
                for (var item : media) {
                    var child = new LinkedHashMap<>(media(item));
                    child.put("is_carousel_item", "true");
                    var id = graph.created(
                            graph.post(token, "/" + user + "/threads", child, true), "a carousel item", false);
                    graph.awaitFinished(token, id, "status", "error_message", "carousel item " + (children.size() + 1));
                    children.add(id);
                }
                post.put("media_type", "CAROUSEL");
                post.put("children", String.join(",", children));
                what = "the carousel";
            }
            post.put("text", publication.text());
            if (replyTo != null) {
                post.put("reply_to_id", replyTo);
            }
            var container = graph.created(graph.post(token, "/" + user + "/threads", post, true), what, false);
            graph.awaitFinished(token, container, "status", "error_message", what);
            var id = graph.created(
                    graph.post(token, "/" + user + "/threads_publish", Map.of("creation_id", container), false),
                    "the post",
                    true);
            var profile = channel.profile() == null || channel.profile().isBlank()
                    ? "https://www.threads.net/"
                    : "https://www.threads.net/@" + channel.profile();
            return new Release(id, graph.permalink(token, id, "permalink", profile), null);
        } catch (PlatformRefusedException e) {
            throw graph.refused(e);
        }
    }

    /** An image's or a video's fields, its alt text included. */
    private static Map<String, String> media(Publication.Image media) {
        var form = new LinkedHashMap<String, String>();
        var video = ContentLimits.isVideo(media.path());
        form.put("media_type", video ? "VIDEO" : "IMAGE");
        form.put(video ? "video_url" : "image_url", media.path());
        if (media.alt() != null && !media.alt().isBlank()) {
            form.put("alt_text", media.alt());
        }
        return form;
    }

    private static String describe(Publication.Image media) {
        return ContentLimits.isVideo(media.path()) ? "the video" : "the image";
    }
}
