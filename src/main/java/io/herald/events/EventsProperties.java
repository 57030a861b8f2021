package io.herald.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit trail, the change feed and organization webhooks.
 *
 * @param retention how long events are kept (the feed and a deleted group's history reach this far
 *     back); older ones are pruned (default 30d)
 * @param sequenceInterval how often a node numbers committed events for the feed; a feed read
 *     numbers them too, so this only bounds how stale the numbering gets between reads (default 1s)
 * @param pruneInterval how often a node prunes events past the retention (default 1h)
 * @param webhooks how organization webhooks are delivered
 */
@Validated
@ConfigurationProperties("herald.events")
record EventsProperties(
        @DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("1s") @NotNull Duration sequenceInterval,
        @DefaultValue("1h") @NotNull Duration pruneInterval,
        @DefaultValue @Valid Webhooks webhooks) {

    /**
     * @param allowPrivateHosts whether webhook URLs may point at loopback, private and link-local
     *     addresses; off, they get the public-address rule of image fetches (default false)
     * @param backoff the wait after a delivery's first failed attempt; it doubles with every further
     *     one (default 30s)
     * @param maxBackoff the longest wait between two attempts (default 1h)
     * @param giveUpAfter how long a delivery is retried; a delivery failing that long disables its
     *     webhook (default 24h)
     * @param timeout how long one attempt may take (default 10s)
     * @param lease how long a relay holds a delivery it sends; another node's relay sends it again
     *     after that (the holder died). Unset: the timeout plus 30 s (default unset)
     * @param relayInterval how often each node's relay looks for due deliveries (default 1s)
     * @param threads deliveries in flight at once on a node (default 4)
     */
    record Webhooks(
            @DefaultValue("false") boolean allowPrivateHosts,
            @DefaultValue("30s") @NotNull Duration backoff,
            @DefaultValue("1h") @NotNull Duration maxBackoff,
            @DefaultValue("24h") @NotNull Duration giveUpAfter,
            @DefaultValue("10s") @NotNull Duration timeout,
            Duration lease,
            @DefaultValue("1s") @NotNull Duration relayInterval,
            @DefaultValue("4") @Min(1) int threads) {

        Duration effectiveLease() {
            return lease == null ? timeout.plusSeconds(30) : lease;
        }

        /** The wait after the {@code attempts}-th failed attempt. */
        Duration backoffAfter(int attempts) {
            var wait = backoff;
            for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }
}
