package io.herald.integrations.mastodon;

import io.herald.integrations.ChannelStatistics;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The account's counts (verify_credentials) and a status's favourites, boosts and replies. */
@Component
class MastodonStatistics implements ChannelStatistics {

    private final PlatformHttp http;

    MastodonStatistics(PlatformHttp http) {
        this.http = http;
    }

    @Override
    public String identifier() {
        return "mastodon";
    }

    @Override
    public List<Statistic> account(JsonNode config) {
        var account = MastodonInstance.of(config).get(http, "/api/v1/accounts/verify_credentials");
        return List.of(
                count(account, "Followers", "followers_count"),
                count(account, "Following", "following_count"),
                count(account, "Posts", "statuses_count"));
    }

    @Override
    public List<Statistic> post(JsonNode config, String releaseId) {
        if (!MastodonInstance.ID.matcher(releaseId).matches()) {
            throw new PlatformException("Release " + releaseId + " is no Mastodon status id");
        }
        var status = MastodonInstance.of(config).get(http, "/api/v1/statuses/" + releaseId);
        return List.of(
                count(status, "Likes", "favourites_count"),
                count(status, "Reposts", "reblogs_count"),
                count(status, "Replies", "replies_count"));
    }

    private static Statistic count(JsonNode node, String label, String field) {
        if (!node.path(field).isNumber()) {
            throw new PlatformException("Mastodon answered without " + field);
        }
        return new Statistic(label, node.path(field).asLong());
    }
}
