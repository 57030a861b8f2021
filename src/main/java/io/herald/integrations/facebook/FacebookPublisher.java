package io.herald.integrations.facebook;

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
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to a Facebook page through the Graph API with the page's token. Text (and Postiz's
 * {@code settings.url}, a link) goes to {@code /<page>/feed}; photos are first uploaded unpublished
 * ({@code /<page>/photos}, {@code published=false}) and then attached to the feed post
 * ({@code attached_media}), one or several; a video goes to {@code /<page>/videos} with its
 * description. Facebook fetches every photo and video from its URL, so media must be on a public
 * server. Thread items become comments on the published post ({@code /<post>/comments}), text only.
 *
 * <p>Neither a feed post, a video nor a comment takes an idempotency key, so none is sent again after
 * an unknown outcome; an unpublished photo may be, since a repeat only leaves an unused one.
 */
@Component
class FacebookPublisher implements Publisher {

    static final String IDENTIFIER = "facebook";

    // Postiz's 63,206 characters. Facebook documents no number of photos; Herald takes the 20 a
    // post's value may hold. A video is the only media of its post; comments are text.
    private static final ContentLimits LIMITS = new ContentLimits(63_206, ContentLimits.Unit.CHARACTERS, 20)
            .withVideos(1)
            .withTextOnlyThreadItems();

    private final GraphApi graph;

    private final JsonMapper json;

    FacebookPublisher(FacebookProperties properties, Graphs graphs, JsonMapper json) {
        this.graph = graphs.api("Facebook", properties.graphUrl());
        this.json = json;
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    /** {@code pageId} is the page posts go out on, with its page token; connecting through Facebook fills both in. */
    @Override
    public List<String> configErrors(JsonNode config) {
        return GraphApi.configErrors(config, "pageId", "the page", false);
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
        var page = GraphApi.id(config.path("pageId").asString(), "The page");
        try {
            if (publication.isReply()) {
                return comment(token, publication);
            }
            var media = publication.images();
            if (media.size() == 1 && ContentLimits.isVideo(media.get(0).path())) {
                return video(token, page, publication);
            }
            return feed(token, page, publication);
        } catch (PlatformRefusedException e) {
            throw graph.refused(e);
        }
    }

    private Release feed(String token, String page, Publication publication) {
        var photos = new ArrayList<String>();
        for (var image : publication.images()) {
            var upload = new LinkedHashMap<String, String>();
            upload.put("url", image.path());
            upload.put("published", "false");
            if (image.alt() != null && !image.alt().isBlank()) {
                upload.put("alt_text_custom", image.alt());
            }
            photos.add(graph.created(graph.post(token, "/" + page + "/photos", upload, true), "a photo", false));
        }
        var post = new LinkedHashMap<String, String>();
        post.put("message", publication.text());
        var url = publication.settings() == null ? null : publication.settings().path("url");
        if (url != null && url.isString() && url.asString().matches("(?i)https?://\\S+")) {
            post.put("link", url.asString());
        }
        for (int i = 0; i < photos.size(); i++) {
            post.put(
                    "attached_media[" + i + "]",
                    json.createObjectNode().put("media_fbid", photos.get(i)).toString());
        }
        var id = graph.created(graph.post(token, "/" + page + "/feed", post, false), "the post", true);
        return new Release(id, link(token, id, "https://www.facebook.com/" + id), null);
    }

    private Release video(String token, String page, Publication publication) {
        var video = new LinkedHashMap<String, String>();
        video.put("file_url", publication.images().get(0).path());
        video.put("description", publication.text());
        var id = graph.created(graph.post(token, "/" + page + "/videos", video, false), "the video", true);
        return new Release(id, link(token, id, "https://www.facebook.com/" + page + "/videos/" + id), null);
    }

    /** A thread item: a comment on the thread's first post (or video), as the page. */
    private Release comment(String token, Publication publication) {
        var root = publication.root();
        if (root == null || root.id() == null) {
            throw new PlatformException("The thread's first post has no Facebook id to comment on");
        }
        var post = GraphApi.id(root.id(), "The thread's first post");
        var comment = new LinkedHashMap<String, String>();
        comment.put("message", publication.text());
        var id = graph.created(graph.post(token, "/" + post + "/comments", comment, false), "the comment", true);
        return new Release(id, link(token, id, root.url()), null);
    }

    /** Facebook's link to what was published; a video's is relative to facebook.com. */
    private String link(String token, String id, String fallback) {
        var link = graph.permalink(token, id, "permalink_url", fallback);
        return link.startsWith("/") ? "https://www.facebook.com" + link : link;
    }
}
