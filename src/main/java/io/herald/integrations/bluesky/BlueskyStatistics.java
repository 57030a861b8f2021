package io.herald.integrations.bluesky;

import io.herald.integrations.ChannelStatistics;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The account's profile counts ({@code app.bsky.actor.getProfile}) and a post's ({@code app.bsky.feed.getPosts}). */
@Component
class BlueskyStatistics implements ChannelStatistics {

    private final PlatformHttp http;

    private final JsonMapper json;

    BlueskyStatistics(PlatformHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String identifier() {
        return "bluesky";
    }

    @Override
    public List<Statistic> account(JsonNode config) {
        var session = BlueskySession.create(http, json, config);
        var profile = session.query(http, "app.bsky.actor.getProfile?actor=" + BlueskySession.encode(session.did()));
        return List.of(
                count(profile, "Followers", "followersCount"),
                count(profile, "Following", "followsCount"),
                count(profile, "Posts", "postsCount"));
    }

    @Override
    public List<Statistic> post(JsonNode config, String releaseId) {
        var session = BlueskySession.create(http, json, config);
        for (var post : session.query(http, "app.bsky.feed.getPosts?uris=" + BlueskySession.encode(releaseId))
                .path("posts")) {
            if (post.path("uri").asString("").equals(releaseId)) {
                return List.of(
                        count(post, "Likes", "likeCount"),
                        count(post, "Reposts", "repostCount"),
                        count(post, "Replies", "replyCount"),
                        count(post, "Quotes", "quoteCount"));
            }
        }
        throw new PlatformException("Bluesky has no post " + releaseId + " any more");
    }

    private static Statistic count(JsonNode node, String label, String field) {
        if (!node.path(field).isNumber()) {
            throw new PlatformException("Bluesky answered without " + field);
        }
        return new Statistic(label, node.path(field).asLong());
    }
}
