package io.herald.integrations;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The numbers a platform keeps of an account and of its posts (followers, likes, ...), read as
 * they are now: neither Mastodon nor Bluesky keeps their history. Each platform that has them
 * implements this in its own package.
 */
public interface ChannelStatistics {

    /** The {@code identifier} of the platform. */
    String identifier();

    /** The account's numbers (followers, posts, ...), in the order they are shown. */
    List<Statistic> account(JsonNode config);

    /** The numbers of the account's post {@code releaseId} (likes, reposts, replies, ...), in the order they are shown. */
    List<Statistic> post(JsonNode config, String releaseId);

    /** One number as the platform counts it now. */
    record Statistic(String label, long total) {}
}
