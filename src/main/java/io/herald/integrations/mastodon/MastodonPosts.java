package io.herald.integrations.mastodon;

import io.herald.integrations.AccountPosts;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.PlatformRefusedException;
import io.herald.integrations.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The account's statuses, newest first ({@code /api/v1/accounts/:id/statuses}), and one of them by id. */
@Component
class MastodonPosts implements AccountPosts {

    private final PlatformHttp http;

    MastodonPosts(PlatformHttp http) {
        this.http = http;
    }

    @Override
    public String identifier() {
        return "mastodon";
    }

    @Override
    public List<Release> recent(JsonNode config, int max) {
        var releases = new ArrayList<Release>();
        for (var status : MastodonInstance.of(config).recentStatuses(http, max)) {
            if (releases.size() < max && status.path("id").isString()) {
                releases.add(release(status));
            }
        }
        return releases;
    }

    /** Only a status of the token's own account: another account's is not this channel's release. */
    @Override
    public Optional<Release> find(JsonNode config, String releaseId) {
        if (!MastodonInstance.ID.matcher(releaseId).matches()) {
            return Optional.empty();
        }
        var instance = MastodonInstance.of(config);
        JsonNode status;
        try {
            status = instance.get(http, "/api/v1/statuses/" + releaseId);
        } catch (PlatformRefusedException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        var owner = status.path("account").path("id").asString("");
        return owner.equals(instance.accountId(http)) ? Optional.of(release(status)) : Optional.empty();
    }

    private static Release release(JsonNode status) {
        var url = status.path("url").isString()
                ? status.path("url").asString()
                : status.path("uri").asString(null);
        return new Release(status.path("id").asString(), url, null);
    }
}
