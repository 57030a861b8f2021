package io.herald.posts.publishing;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * The port to the scheduler: alarms that wake a node of the cluster when posts of a group fall
 * due. The posts table itself is the queue, so an alarm that is lost (a node dying in the middle
 * of firing it) delays a post by one poll at worst, and never loses it. Every change joins the
 * caller's transaction. Which nodes are alive is not the scheduler's to say: see {@link NodeHeartbeat}.
 */
public interface PublicationScheduler {

    /**
     * Sets the group's alarm {@code alarm} (the group's own id for its roots, a thread item's id for
     * that item) to ring at {@code at}, at once when it is past; replaces an earlier time.
     */
    void schedule(UUID group, UUID alarm, Instant at);

    /** Removes the group's alarms, but one already firing (it only wakes the publisher once more). */
    void cancel(UUID group);

    /** Removes the groups' alarms due by {@code now}: this node has claimed posts of theirs, and is awake. */
    void spent(Collection<UUID> groups, Instant now);

    /**
     * Removes every alarm due by {@code now}: this node claimed all it had room for, so more may be
     * due, and it claims again as soon as it has room; an alarm would only wake it once more.
     */
    void allSpent(Instant now);

    /**
     * The name of this node's cluster (its Quartz scheduler's). Posts queued here carry it, and only
     * nodes of that cluster publish them: one database can hold several clusters.
     */
    String cluster();
}
