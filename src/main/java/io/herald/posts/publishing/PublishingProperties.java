package io.herald.posts.publishing;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When and how posts go out.
 *
 * @param enabled whether this node publishes at all; {@code false} makes a node that only serves the
 *     API (its cluster's other nodes publish its posts; alarms that ring on it wake nobody, so those
 *     posts wait for another node's poll) (default true)
 * @param threads publications in flight at once on this node (default 16)
 * @param pollInterval how often a node looks for due posts nobody has taken: the safety net under
 *     the alarms (default 1s)
 * @param missedAfter how late a post may still go out, after Herald was down at its time; later it
 *     fails as missed (default 24h)
 * @param recoveryInterval how often a node looks for posts held by nodes that died, and for posts
 *     past the missed window (default 15s)
 * @param shutdownGrace how long a stopping node lets its publications in flight finish (default 30s)
 * @param sendTimeout the longest one send may take, image fetches, uploads, retries and processing
 *     waits included: every platform call of the send is cut to what is left of it. Shorter than
 *     {@code stuckAfter} (checked at start-up), so a healthy send is never failed as stuck (default 10m)
 * @param stuckAfter how long a post may stay PUBLISHING, even on a live node, before it fails as
 *     outcome unknown (default 15m)
 * @param heartbeatInterval how often a node refreshes its heartbeat row (default 5s)
 * @param nodeDeadAfter how old a node's heartbeat may get, by the database's clock, before a survivor
 *     declares the node dead and fails the posts it was sending as outcome unknown; well above a GC
 *     or VM pause, and at least three heartbeat intervals (checked at start-up) (default 60s)
 */
@Validated
@ConfigurationProperties("herald.publishing")
record PublishingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("16") @Min(1) int threads,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("24h") @NotNull Duration missedAfter,
        @DefaultValue("15s") @NotNull Duration recoveryInterval,
        @DefaultValue("30s") @NotNull Duration shutdownGrace,
        @DefaultValue("10m") @NotNull Duration sendTimeout,
        @DefaultValue("15m") @NotNull Duration stuckAfter,
        @DefaultValue("5s") @NotNull Duration heartbeatInterval,
        @DefaultValue("60s") @NotNull Duration nodeDeadAfter) {

    /** A send is cut off before the stuck-post sweep could take it for a stuck one. */
    @AssertTrue(message = "herald.publishing.send-timeout must be shorter than herald.publishing.stuck-after")
    boolean isSendBoundedBelowStuckAfter() {
        return sendTimeout == null || stuckAfter == null || sendTimeout.compareTo(stuckAfter) < 0;
    }

    /** One late heartbeat, or two, must not make a live node dead. */
    @AssertTrue(
            message =
                    "herald.publishing.node-dead-after must be at least three times herald.publishing.heartbeat-interval")
    boolean isDeathSlowerThanThreeHeartbeats() {
        return heartbeatInterval == null
                || nodeDeadAfter == null
                || nodeDeadAfter.compareTo(heartbeatInterval.multipliedBy(3)) >= 0;
    }

    /**
     * How fresh this node's own heartbeat must be for it to claim: half the threshold, so that a
     * node that claims is far from being declared dead while it starts to send.
     */
    Duration claimFreshness() {
        return nodeDeadAfter.dividedBy(2);
    }
}
