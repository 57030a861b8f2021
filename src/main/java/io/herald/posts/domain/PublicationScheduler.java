package io.herald.posts.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The port to the scheduler. Both calls join the caller's transaction: a group is scheduled if and
 * only if the transaction that queued it commits, and cancelled with the one that deletes it.
 */
public interface PublicationScheduler {

    /** Fires the group's publication at {@code at} (at once when it is past); replaces an earlier time. */
    void schedule(UUID groupId, Instant at);

    /** Removes the group's pending publication, if it has one. */
    void cancel(UUID groupId);

    /** Whether the group has a pending (or running) publication. */
    boolean isScheduled(UUID groupId);

    /** This node's name in the cluster; a publisher records it on the posts it holds. */
    String node();

    /** The nodes of the cluster that are alive now, this one included. */
    Set<String> liveNodes();
}
