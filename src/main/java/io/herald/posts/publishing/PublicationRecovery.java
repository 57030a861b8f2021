package io.herald.posts.publishing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sweeps a node runs every recovery interval over its own cluster's posts: posts whose
 * publisher is dead or stuck fail as outcome unknown (never sent again: nobody knows whether the
 * platform got them), and queued posts past the missed window fail as missed.
 */
@Service
class PublicationRecovery {

    private static final Logger log = LoggerFactory.getLogger(PublicationRecovery.class);

    static final String ABANDONED = "Publication outcome unknown: the Herald node that was sending this post stopped"
            + " (or got stuck) before the platform's answer was recorded. It is not sent again automatically.";

    private final PostStore store;

    private final NodeHeartbeat heartbeat;

    private final PublicationScheduler scheduler;

    private final FailedThreads failedThreads;

    private final TransactionTemplate transaction;

    private final PublishingProperties properties;

    private final PostMetrics metrics;

    private final PublicationEvents events;

    private final Clock clock;

    PublicationRecovery(
            PostStore store,
            NodeHeartbeat heartbeat,
            PublicationScheduler scheduler,
            FailedThreads failedThreads,
            TransactionTemplate transaction,
            PublishingProperties properties,
            PostMetrics metrics,
            PublicationEvents events,
            Clock clock) {
        this.store = store;
        this.heartbeat = heartbeat;
        this.scheduler = scheduler;
        this.failedThreads = failedThreads;
        this.transaction = transaction;
        this.properties = properties;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Declares dead the cluster's nodes whose heartbeat is older than the threshold (by the
     * database's clock) and, in the same transaction, fails the posts held by nodes that are not
     * members any more, or held past stuck-after.
     */
    int abandonPostsOfDeadNodes() {
        var abandoned = transaction.execute(status -> {
            var now = clock.instant();
            for (var node : heartbeat.declareDead()) {
                log.warn(
                        "Node {} of cluster {} sent no heartbeat for {}: it is declared dead",
                        node,
                        scheduler.cluster(),
                        properties.nodeDeadAfter());
            }
            var held = store.abandon(scheduler.cluster(), properties.stuckAfter(), ABANDONED, now);
            var failed = new ArrayList<PostStore.Ended>();
            for (var post : held) {
                log.warn(
                        "Post {} was being published by node {} since {}, which stopped or got stuck; it fails as"
                                + " outcome unknown",
                        post.post().id(),
                        post.node(),
                        post.since());
                metrics.failed(post.post().integrationId(), PostMetrics.Failure.ABANDONED);
                events.failed(post.post(), PostMetrics.Failure.ABANDONED, ABANDONED);
                failed.add(post.post());
            }
            failedThreads.settle(failed, now);
            return held.size();
        });
        return abandoned == null ? 0 : abandoned;
    }

    /** Fails the queued posts that are more than the missed window late: Herald was down at their time. */
    int failMissed() {
        var missed = transaction.execute(status -> {
            var now = clock.instant();
            var failed = new ArrayList<PostStore.Ended>();
            for (var post : store.lockMissed(scheduler.cluster(), now.minus(properties.missedAfter()))) {
                var late = Duration.between(post.dueAt(), now);
                log.warn("Post {} is {} late; it fails as missed", post.post().id(), describe(late));
                var error = "Missed: Herald was not running at the publish time and came back " + describe(late)
                        + " later, more than the " + describe(properties.missedAfter()) + " allowed.";
                if (store.failMissed(post.post().id(), error, now)) {
                    metrics.failed(post.post().integrationId(), PostMetrics.Failure.MISSED);
                    events.failed(post.post(), PostMetrics.Failure.MISSED, error);
                    failed.add(post.post());
                }
            }
            failedThreads.settle(failed, now);
            return failed.size();
        });
        return missed == null ? 0 : missed;
    }

    private static String describe(Duration duration) {
        return duration.toHours() >= 1 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }
}
