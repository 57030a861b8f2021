package io.herald.integrations.discord;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Discord said of its rate limits, kept on this node so the next message does not run into
 * them: a channel's bucket that {@code X-RateLimit-Remaining: 0} emptied until its
 * {@code X-RateLimit-Reset-After}, and a bot's global limit after a global 429. Discord counts the
 * requests that end in 429 and bans an address that makes too many; a message that would only be
 * refused waits instead of being sent.
 */
final class Buckets {

    private final Map<String, Instant> emptyUntil = new ConcurrentHashMap<>();

    /** The latest of the times the channel's bucket and the bot's global limit reset, if either is still ahead. */
    Optional<Instant> waitUntil(String bot, String channel, Instant now) {
        Instant until = null;
        for (var key : new String[] {global(bot), channel(bot, channel)}) {
            var reset = emptyUntil.get(key);
            if (reset != null && !reset.isAfter(now)) {
                emptyUntil.remove(key, reset);
            } else if (reset != null && (until == null || reset.isAfter(until))) {
                until = reset;
            }
        }
        return Optional.ofNullable(until);
    }

    void channelEmpty(String bot, String channel, Instant until) {
        emptyUntil.merge(channel(bot, channel), until, Buckets::later);
    }

    void globalEmpty(String bot, Instant until) {
        emptyUntil.merge(global(bot), until, Buckets::later);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String global(String bot) {
        return bot + " global";
    }

    private static String channel(String bot, String channel) {
        return bot + " channel " + channel;
    }
}
