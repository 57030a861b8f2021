package io.herald.integrations.bluesky;

import io.herald.integrations.AccountPosts;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The account's posts from its author feed ({@code app.bsky.feed.getAuthorFeed}, its reposts left
 * out), and one of them by its {@code at://} URI or record key ({@code app.bsky.feed.getPosts}).
 * Releases carry the post's {@code uri} and {@code cid}, as published ones do, so thread items can
 * still reply to it.
 */
@Component
class BlueskyPosts implements AccountPosts {

    private static final Pattern RECORD_KEY = Pattern.compile("[A-Za-z0-9._:~-]{1,512}");

    private static final String POSTS = "/app.bsky.feed.post/";

    private final PlatformHttp http;

    private final JsonMapper json;

    BlueskyPosts(PlatformHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String identifier() {
        return "bluesky";
    }

    @Override
    public List<Release> recent(JsonNode config, int max) {
        var session = BlueskySession.create(http, json, config);
        var feed = session.query(
                http, "app.bsky.feed.getAuthorFeed?actor=" + BlueskySession.encode(session.did()) + "&limit=" + max);
        var releases = new ArrayList<Release>();
        for (var item : feed.path("feed")) {
            var post = item.path("post");
            if (releases.size() < max
                    && item.path("reason").isMissingNode()
                    && session.did().equals(post.path("author").path("did").asString())) {
                release(session, post).ifPresent(releases::add);
            }
        }
        return releases;
    }

    @Override
    public Optional<Release> find(JsonNode config, String releaseId) {
        var session = BlueskySession.create(http, json, config);
        var prefix = "at://" + session.did() + POSTS;
        var rkey = releaseId.startsWith(prefix) ? releaseId.substring(prefix.length()) : releaseId;
        if (!RECORD_KEY.matcher(rkey).matches()) {
            return Optional.empty();
        }
        var found = session.query(http, "app.bsky.feed.getPosts?uris=" + BlueskySession.encode(prefix + rkey));
        for (var post : found.path("posts")) {
            if (post.path("uri").asString("").equals(prefix + rkey)) {
                return release(session, post);
            }
        }
        return Optional.empty();
    }

    private Optional<Release> release(BlueskySession session, JsonNode post) {
        var uri = post.path("uri").asString("");
        var cid = post.path("cid");
        var at = uri.indexOf(POSTS);
        if (at < 0 || !cid.isString()) {
            return Optional.empty();
        }
        var meta = json.createObjectNode().put("uri", uri).put("cid", cid.asString());
        return Optional.of(new Release(uri, session.postUrl(uri.substring(at + POSTS.length())), meta));
    }
}
