package io.herald.integrations;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The posts a connected account has on its platform, read back: how a user finds the post a
 * publication made although its outcome is unknown, and records it. A platform that cannot list an
 * account's posts has no implementation; each one that can lives in its platform's package.
 */
public interface AccountPosts {

    /** The {@code identifier} of the platform. */
    String identifier();

    /** The account's latest posts, newest first, at most {@code max}, each as the release it would be. */
    List<Release> recent(JsonNode config, int max);

    /** The account's post {@code releaseId} as a release (its URL, and what replies to it need); empty when it has none by that id. */
    Optional<Release> find(JsonNode config, String releaseId);
}
