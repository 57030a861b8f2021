package io.herald.posts.publishing;

import io.herald.integrations.Release;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What creating, editing and deleting posts do to their publication, always inside the caller's
 * transaction: a group's rows are locked and marked through the lifecycle's own statements
 * ({@link PostStore}), and its alarms are set or removed with them, so that a queued post always
 * has an alarm and an alarm always has a queued post. Which change is allowed (what a delete keeps,
 * what answers 403 or 409) the caller decides, from the locked rows.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class GroupLifecycle {

    private final PostStore store;

    private final PublicationScheduler scheduler;

    private final ApplicationEventPublisher events;

    private final PostMetrics metrics;

    GroupLifecycle(
            PostStore store, PublicationScheduler scheduler, ApplicationEventPublisher events, PostMetrics metrics) {
        this.store = store;
        this.scheduler = scheduler;
        this.events = events;
        this.metrics = metrics;
    }

    /** The cluster whose nodes publish the posts queued here; a queued post carries it. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public String cluster() {
        return scheduler.cluster();
    }

    /**
     * The live group of the post, if the organization owns it (another organization's rows are never
     * locked), locked until the transaction ends. A post deleted while this waited is not found.
     */
    public List<LockedPost> lockGroupOf(UUID post, UUID organization) {
        return store.lockGroupOf(post, organization);
    }

    /** The live group, if the organization owns it, locked until the transaction ends. */
    public List<LockedPost> lockGroup(UUID group, UUID organization) {
        return store.lockGroup(group, organization);
    }

    /**
     * The live group of the post, if the organization owns it, as it is now, without a lock: what a
     * dry run looks at. Nothing may be changed on the strength of it.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<LockedPost> readGroupOf(UUID post, UUID organization) {
        return store.readGroupOf(post, organization);
    }

    /** The live group, if the organization owns it, as it is now, without a lock (see {@link #readGroupOf}). */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<LockedPost> readGroup(UUID group, UUID organization) {
        return store.readGroup(group, organization);
    }

    /**
     * The group's version: it changes with every change of any of its posts (content, state, a
     * publication, a delete, a new post), deleted posts included, and never repeats. Read after the
     * group's lock, it says what that transaction sees. Clients see it as an ETag.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public long version(UUID group) {
        return store.version(group);
    }

    /** Every live group the integration has live posts in, locked, group by group. */
    public List<LockedPost> lockGroupsOfIntegration(UUID integration) {
        return store.lockGroupsOfIntegration(integration);
    }

    /** A group just stored as queued: its alarm, and at once a wake-up if it is due already. */
    public void created(UUID group, Instant publishDate, Instant now) {
        scheduled(group, publishDate, now);
    }

    /** Queues the whole locked group again (none of it PUBLISHING or PUBLISHED), for this cluster. */
    public void queue(UUID group, List<LockedPost> members, Instant now) {
        expect(store.queue(group, scheduler.cluster(), now), members, "queued");
        var root = members.stream()
                .filter(member -> member.threadIndex() == 0)
                .findFirst()
                .orElseThrow();
        scheduled(group, root.publishDate(), now);
    }

    /**
     * Gives the locked posts of the group their edited content and place, each keeping its state
     * (none PUBLISHING or PUBLISHED). What the group's state and alarms become next is the caller's
     * {@link #queue}, {@link #unschedule} or {@link #rearm}.
     */
    public void edit(UUID group, List<EditedPost> posts, Instant now) {
        var changed = 0;
        for (var post : posts) {
            changed += store.edit(group, post, now) ? 1 : 0;
        }
        if (changed != posts.size()) {
            throw new IllegalStateException(
                    "Expected " + posts.size() + " locked posts to be edited, but " + changed + " were");
        }
    }

    /**
     * An edited group that kept its states: its alarm rings at the new date while it has queued
     * posts, and it has none otherwise.
     */
    public void rearm(UUID group, Instant publishDate, Instant now) {
        if (store.queued(group)) {
            scheduled(group, publishDate, now);
        } else {
            scheduler.cancel(group);
        }
    }

    /** Moves the whole locked group to drafts (none of it PUBLISHING or PUBLISHED) and removes its alarms. */
    public void unschedule(UUID group, List<LockedPost> members, Instant now) {
        expect(store.unschedule(group, now), members, "moved to drafts");
        scheduler.cancel(group);
    }

    /**
     * Deletes the locked posts of the group (none PUBLISHING or PUBLISHED); the group's alarms go
     * with them unless {@code queuedRemain}: other posts of the group are still queued.
     */
    public void delete(UUID group, List<LockedPost> deleting, boolean queuedRemain, Instant now) {
        expect(store.delete(deleting.stream().map(LockedPost::id).toList(), now), deleting, "deleted");
        deleting.forEach(post -> metrics.deleted(post.integrationId()));
        if (!queuedRemain && deleting.stream().anyMatch(post -> post.state() == PostState.QUEUE)) {
            scheduler.cancel(group);
        }
    }

    /**
     * Records {@code release} as the platform's post of the locked post, which failed as outcome
     * unknown: it is PUBLISHED. Answers false, changing nothing, for any other post. The post had no
     * alarm (it failed), and gets none.
     */
    public boolean reconcile(LockedPost post, Release release, Instant now) {
        return post.state() == PostState.ERROR && store.reconcile(post.id(), release, now);
    }

    /** Every row of the group the organization owns, deleted ones included, locked until the transaction ends. */
    public List<GroupRow> lockWholeGroup(UUID group, UUID organization) {
        return store.lockWholeGroup(group, organization);
    }

    /**
     * Brings the locked deleted posts of the group back as they were, but queued ones whose date has
     * passed, which become drafts; the group's alarm is set again for its queued roots. Answers the
     * ids that became drafts.
     */
    public List<UUID> restore(UUID group, List<GroupRow> restoring, Instant now) {
        var restored = store.restore(restoring.stream().map(GroupRow::id).toList(), now);
        var changed = restored.asTheyWere().size() + restored.drafted().size();
        if (changed != restoring.size()) {
            throw new IllegalStateException(
                    "Expected " + restoring.size() + " locked posts to be restored, but " + changed + " were");
        }
        restoring.stream()
                .filter(post -> post.state() == PostState.QUEUE
                        && post.threadIndex() == 0
                        && !restored.drafted().contains(post.id()))
                .map(GroupRow::publishDate)
                .min(Instant::compareTo)
                .ifPresent(date -> scheduled(group, date, now));
        return restored.drafted();
    }

    private void scheduled(UUID group, Instant publishDate, Instant now) {
        scheduler.schedule(group, group, publishDate);
        if (!publishDate.isAfter(now)) {
            events.publishEvent(new PostsDue());
        }
    }

    /** The rows are locked: a statement that changes fewer than were checked is a defect, and rolls back. */
    private static void expect(int changed, List<LockedPost> checked, String what) {
        if (changed != checked.size()) {
            throw new IllegalStateException(
                    "Expected " + checked.size() + " locked posts to be " + what + ", but " + changed + " were");
        }
    }
}
