package io.herald.posts.publishing;

import static io.herald.posts.publishing.Transition.ABANDON;
import static io.herald.posts.publishing.Transition.BREAK_THREAD;
import static io.herald.posts.publishing.Transition.CLAIM;
import static io.herald.posts.publishing.Transition.DELETE;
import static io.herald.posts.publishing.Transition.EDIT;
import static io.herald.posts.publishing.Transition.ERASE;
import static io.herald.posts.publishing.Transition.FAIL;
import static io.herald.posts.publishing.Transition.MISS;
import static io.herald.posts.publishing.Transition.PUBLISH;
import static io.herald.posts.publishing.Transition.QUEUE_AGAIN;
import static io.herald.posts.publishing.Transition.RECONCILE;
import static io.herald.posts.publishing.Transition.RELEASE;
import static io.herald.posts.publishing.Transition.RESTORE;
import static io.herald.posts.publishing.Transition.RESTORE_AS_DRAFT;
import static io.herald.posts.publishing.Transition.UNSCHEDULE;

import io.herald.integrations.Release;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every statement that changes a post's state, and the row mapping of what they answer: plain SQL,
 * each statement guarded by its {@link Transition}. Statements about a publication in flight match
 * its claim id, so a send whose claim was given up never records over a newer one. It decides
 * nothing: the services say which statement runs when. Locks are taken in post id order by every
 * statement that locks several posts of a group, so two of them never deadlock.
 */
@Repository
class PostStore {

    private static final String LIVE_GROUP_OF = """
            select id, group_id, state, integration_id, thread_index, publish_date from posts
            where group_id = (select group_id from posts where id = :id) and organization_id = :organization
              and deleted_at is null
            order by id""";

    private static final String LIVE_GROUP = """
            select id, group_id, state, integration_id, thread_index, publish_date from posts
            where group_id = :id and organization_id = :organization and deleted_at is null
            order by id""";

    /** What turns a read of a group into its lock, held until the transaction ends. */
    private static final String LOCKED = " for no key update";

    /** Every live post of every group the integration has live posts in, group by group. */
    private static final String LIVE_GROUPS_OF_INTEGRATION = """
            select id, group_id, state, integration_id, thread_index, publish_date from posts
            where group_id in (select group_id from posts where integration_id = :integration and deleted_at is null)
              and deleted_at is null
            order by group_id, id for no key update""";

    private static final String DELETE_POSTS = """
            update posts set deleted_at = :now, updated_at = :now, version = version + 1
            where id in (:ids) and deleted_at is null and %s""".formatted(DELETE.guard());

    /**
     * New content and place for a post of the locked group; a queued root is due at its new date
     * (at once when that is past), a queued thread item waits for its predecessor again.
     */
    private static final String EDIT_POST = """
            update posts set content = :content, image = cast(:image as jsonb), settings = cast(:settings as jsonb),
                             delay_minutes = :delay, publish_date = :publishDate, parent_post_id = :parent,
                             root_post_id = :root, thread_index = :index, interval_days = :interval,
                             updated_at = :now, version = version + 1,
                             due_at = case when state = 'QUEUE' and :index = 0 then greatest(:publishDate, :now) end
            where id = :id and group_id = :group and deleted_at is null and %s""".formatted(EDIT.guard());

    /** Every row of the group, deleted or not, content removed or not, if the organization owns it. */
    private static final String WHOLE_GROUP = """
            select id, state, thread_index, publish_date, deleted_at, content_removed_at from posts
            where group_id = :group and organization_id = :organization
            order by id for no key update""";

    /** The deleted posts come back as they were but those queued for a time now past (see {@link #RESTORE_DRAFTING}). */
    private static final String RESTORE_POSTS = """
            update posts set deleted_at = null, updated_at = :now, version = version + 1
            where id in (:ids) and deleted_at is not null and content_removed_at is null and %s
            returning id""".formatted(RESTORE.guard());

    private static final String RESTORE_DRAFTING =
            """
            update posts set %s, due_at = null, deleted_at = null, updated_at = :now, version = version + 1
            where id in (:ids) and deleted_at is not null and content_removed_at is null and publish_date <= :now and %s
            returning id""".formatted(RESTORE_AS_DRAFT.assignment(), RESTORE_AS_DRAFT.guard());

    private static final String ERASE_DELETED = """
            update posts set content = '', image = '[]', settings = '{}', error = null, content_removed_at = :now,
                             updated_at = :now, version = version + 1
            where id in (select id from posts
                         where deleted_at < :before and content_removed_at is null
                         order by deleted_at limit :max for update skip locked)
              and %s""".formatted(ERASE.guard());

    private static final String UNSCHEDULE_GROUP = """
            update posts set %s, error = null, outcome_unknown = false, due_at = null, updated_at = :now,
                             version = version + 1
            where group_id = :group and deleted_at is null and %s""".formatted(UNSCHEDULE.assignment(), UNSCHEDULE.guard());

    /** A root is due at its date, or at once when that is past; a thread item waits for its predecessor. */
    private static final String QUEUE_GROUP = """
            update posts set %s, error = null, outcome_unknown = false, cluster = :cluster, claim_id = null,
                             publishing_node = null, publishing_since = null, updated_at = :now, version = version + 1,
                             due_at = case when thread_index = 0 then greatest(publish_date, :now) end
            where group_id = :group and deleted_at is null and %s""".formatted(QUEUE_AGAIN.assignment(), QUEUE_AGAIN.guard());

    /**
     * Takes due posts for this node, oldest first, skipping rows a delete holds, but only while the
     * node's heartbeat row is there and fresh by the database's clock: the row is locked (key share)
     * until the claim commits, so a survivor declaring the node dead waits for the claim and then
     * fails what it took, or deletes the row first and this claims nothing. Each post gets a claim id
     * of its own.
     */
    private static final String CLAIM_DUE = """
            with me as (
                select node from publishing_nodes
                where cluster = :cluster and node = :node and beat_at > now() - :freshness * interval '1 millisecond'
                for key share)
            update posts set %s, claim_id = gen_random_uuid(), publishing_node = :node,
                             publishing_since = now(), updated_at = :now, version = version + 1
            where id in (select id from posts
                         where cluster = :cluster and %s and deleted_at is null
                           and due_at <= :dueBy and due_at >= :missedBefore and exists (select 1 from me)
                         order by due_at limit :max for update skip locked)
            returning id, claim_id, group_id, organization_id, integration_id, parent_post_id, root_post_id,
                      thread_index, content, image, settings, publish_date
            """.formatted(CLAIM.assignment(), CLAIM.guard());

    private static final String RELEASES =
            "select id, release_id, release_url, release_meta from posts where id in (:ids)";

    /**
     * The claimed post goes PUBLISHED, the queued item after it becomes due its delay later (rounded
     * to milliseconds), in one statement; it answers whether the group still has queued posts (read
     * before the statement, which queues or unqueues nothing).
     */
    private static final String RECORD_PUBLISHED = """
            with published as (
                update posts set %s, release_id = :releaseId, release_url = :releaseUrl,
                                 release_meta = cast(:releaseMeta as jsonb), published_at = :now, updated_at = :now, version = version + 1
                where id = :id and claim_id = :claim and %s
                returning id, group_id, organization_id, integration_id, due_at),
            freed as (
                update posts n set due_at = :now + round(n.delay_minutes * 60000) * interval '1 millisecond',
                                   updated_at = :now, version = version + 1
                from published p
                where n.parent_post_id = p.id and n.deleted_at is null and n.state = 'QUEUE'
                returning n.id, n.due_at)
            select p.group_id, p.organization_id, p.integration_id, p.due_at, f.id as freed_id, f.due_at as freed_due_at,
                   exists (select 1 from posts q
                           where q.group_id = p.group_id and q.deleted_at is null and q.state = 'QUEUE') as queued
            from published p left join freed f on true
            """.formatted(PUBLISH.assignment(), PUBLISH.guard());

    /** A post failed as outcome unknown goes PUBLISHED with the release the user found on its platform. */
    private static final String RECONCILE_RELEASE = """
            update posts set %s, error = null, outcome_unknown = false, release_id = :releaseId,
                             release_url = :releaseUrl, release_meta = cast(:releaseMeta as jsonb),
                             published_at = :now, updated_at = :now, version = version + 1
            where id = :id and deleted_at is null and outcome_unknown and %s
            """.formatted(RECONCILE.assignment(), RECONCILE.guard());

    /**
     * The next occurrence of a repeating group whose occurrence just ended (none of it queued): a
     * copy of that occurrence's posts (the group's latest publish date), threads and tags kept,
     * queued for {@code :cluster} its interval later. Answers the new date; no row for a group
     * that does not repeat. One statement: the copies' foreign keys are checked at its end.
     */
    private static final String REPEAT = """
            with occurrence as materialized (
                select * from posts
                where group_id = :group and deleted_at is null and interval_days is not null
                  and publish_date = (select max(publish_date) from posts where group_id = :group and deleted_at is null)
                  and not exists (select 1 from posts q where q.group_id = :group and q.deleted_at is null
                                  and q.state in ('QUEUE', 'PUBLISHING'))),
            copies as materialized (select id as old_id, gen_random_uuid() as new_id from occurrence),
            inserted as (
                insert into posts (id, organization_id, group_id, integration_id, parent_post_id, root_post_id,
                                   thread_index, content, image, settings, publish_date, delay_minutes, due_at, cluster,
                                   state, creation_method, created_at, updated_at, interval_days)
                select c.new_id, o.organization_id, o.group_id, o.integration_id, parent.new_id, root.new_id,
                       o.thread_index, o.content, o.image, o.settings, o.publish_date + o.interval_days * interval '1 day',
                       o.delay_minutes,
                       case when o.thread_index = 0 then greatest(o.publish_date + o.interval_days * interval '1 day', :now) end,
                       :cluster, 'QUEUE', o.creation_method, :now, :now, o.interval_days
                from occurrence o
                join copies c on c.old_id = o.id
                left join copies parent on parent.old_id = o.parent_post_id
                left join copies root on root.old_id = o.root_post_id
                returning id, publish_date),
            tagged as (
                insert into post_tags (post_id, tag_id)
                select c.new_id, pt.tag_id from copies c join post_tags pt on pt.post_id = c.old_id)
            select min(publish_date) as publish_date, array_agg(id order by publish_date, id) as ids
            from inserted having count(*) > 0
            """;

    private static final String RECORD_FAILED = """
            update posts set %s, error = :error, updated_at = :now, version = version + 1
            where id = :id and claim_id = :claim and %s
            returning id, group_id, organization_id, integration_id, root_post_id, thread_index
            """.formatted(FAIL.assignment(), FAIL.guard());

    /** A deferred post is due again when the platform asked for it ({@code :due}); any other keeps its time. */
    private static final String RELEASE_CLAIM = """
            update posts set %s, claim_id = null, publishing_node = null, publishing_since = null, updated_at = :now, version = version + 1,
                             due_at = coalesce(cast(:due as timestamptz), due_at)
            where id = :id and claim_id = :claim and %s
            returning group_id
            """.formatted(RELEASE.assignment(), RELEASE.guard());

    /** This node's claims that no sender of it has: their claim's answer never reached it. */
    private static final String RELEASE_UNSENT = """
            update posts set %s, claim_id = null, publishing_node = null, publishing_since = null, updated_at = :now, version = version + 1
            where cluster = :cluster and publishing_node = :node and %s and claim_id not in (:sending)
            returning id, group_id
            """.formatted(RELEASE.assignment(), RELEASE.guard());

    private static final String MISSED = """
            select id, group_id, organization_id, integration_id, root_post_id, thread_index, due_at from posts
            where cluster = :cluster and %s and deleted_at is null and due_at < :missedBefore
            order by due_at limit 100 for update skip locked
            """.formatted(MISS.guard());

    private static final String FAIL_MISSED = """
            update posts set %s, error = :error, updated_at = :now, version = version + 1
            where id = :id and %s
            """.formatted(MISS.assignment(), MISS.guard());

    /**
     * The cluster's posts held by a node without a heartbeat row (declared dead, or gone) or held
     * longer than stuck-after by the database's clock; posts other sweeps hold are left to them.
     */
    private static final String ABANDON_HELD = """
            with held as (
                select id from posts p
                where cluster = :cluster and %s
                  and (publishing_since < now() - :stuckAfter * interval '1 millisecond'
                       or not exists (select 1 from publishing_nodes n
                                      where n.cluster = p.cluster and n.node = p.publishing_node))
                order by id for update skip locked)
            update posts p set %s, error = :error, outcome_unknown = true, updated_at = :now, version = version + 1
            from held where p.id = held.id
            returning p.id, p.group_id, p.organization_id, p.integration_id, p.root_post_id, p.thread_index,
                      p.publishing_node,
                      p.publishing_since
            """.formatted(ABANDON.guard(), ABANDON.assignment());

    /** The thread's queued items after {@code index}: they cannot go out without their predecessor. */
    private static final String BREAK = """
            update posts set %s, error = :error, updated_at = :now, version = version + 1
            where root_post_id = :root and thread_index > :index and deleted_at is null and %s
            returning id, integration_id
            """.formatted(BREAK_THREAD.assignment(), BREAK_THREAD.guard());

    private static final String QUEUED = """
            select exists (select 1 from posts where group_id = :group and deleted_at is null and state = 'QUEUE')
            """;

    private static final String VERSION = "select coalesce(sum(version), 0) from posts where group_id = :group";

    private static final String DESCRIBE = "select state, publishing_node, claim_id from posts where id = :id";

    private final JdbcClient jdbc;

    private final JsonMapper json;

    PostStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // --- groups, for creating, editing and deleting ---

    /** The live group of the post, if the organization owns it, locked until the transaction ends. */
    List<LockedPost> lockGroupOf(UUID post, UUID organization) {
        return lock(LIVE_GROUP_OF + LOCKED, Map.of("id", post, "organization", organization));
    }

    /** The live group, if the organization owns it, locked until the transaction ends. */
    List<LockedPost> lockGroup(UUID group, UUID organization) {
        return lock(LIVE_GROUP + LOCKED, Map.of("id", group, "organization", organization));
    }

    /** The live group of the post, if the organization owns it, as it is now; no lock is taken. */
    List<LockedPost> readGroupOf(UUID post, UUID organization) {
        return lock(LIVE_GROUP_OF, Map.of("id", post, "organization", organization));
    }

    /** The live group, if the organization owns it, as it is now; no lock is taken. */
    List<LockedPost> readGroup(UUID group, UUID organization) {
        return lock(LIVE_GROUP, Map.of("id", group, "organization", organization));
    }

    /** Every live group the integration has live posts in, locked, in group then post order. */
    List<LockedPost> lockGroupsOfIntegration(UUID integration) {
        return lock(LIVE_GROUPS_OF_INTEGRATION, Map.of("integration", integration));
    }

    private List<LockedPost> lock(String statement, Map<String, ?> params) {
        return jdbc.sql(statement)
                .params(params)
                .query((rs, row) -> new LockedPost(
                        rs.getObject("id", UUID.class),
                        rs.getObject("group_id", UUID.class),
                        PostState.valueOf(rs.getString("state")),
                        rs.getObject("integration_id", UUID.class),
                        rs.getInt("thread_index"),
                        instant(rs, "publish_date")))
                .list();
    }

    /** Marks the posts deleted; answers how many were (those not deletable are left as they are). */
    int delete(Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql(DELETE_POSTS).param("ids", ids).param("now", at(now)).update();
    }

    /** Gives a post of the group its edited content and place; answers whether it was changed. */
    boolean edit(UUID group, EditedPost post, Instant now) {
        return jdbc.sql(EDIT_POST)
                        .param("id", post.id())
                        .param("group", group)
                        .param("content", post.content())
                        .param("image", post.imageJson())
                        .param("settings", post.settingsJson())
                        .param("delay", post.delayMinutes())
                        .param("publishDate", at(post.publishDate()))
                        .param("parent", post.parentId())
                        .param("root", post.rootId())
                        .param("index", post.threadIndex())
                        .param("interval", post.intervalDays())
                        .param("now", at(now))
                        .update()
                > 0;
    }

    /** Every row of the group the organization owns, deleted ones included, locked until the transaction ends. */
    List<GroupRow> lockWholeGroup(UUID group, UUID organization) {
        return jdbc.sql(WHOLE_GROUP)
                .param("group", group)
                .param("organization", organization)
                .query((rs, row) -> new GroupRow(
                        rs.getObject("id", UUID.class),
                        PostState.valueOf(rs.getString("state")),
                        rs.getInt("thread_index"),
                        instant(rs, "publish_date"),
                        instant(rs, "deleted_at"),
                        rs.getObject("content_removed_at") != null))
                .list();
    }

    /** Brings the deleted posts back: first those queued for a time past, as drafts; answers the ids of each kind. */
    Restored restore(Collection<UUID> ids, Instant now) {
        var drafted = jdbc.sql(RESTORE_DRAFTING)
                .param("ids", ids)
                .param("now", at(now))
                .query(UUID.class)
                .list();
        var restored = jdbc.sql(RESTORE_POSTS)
                .param("ids", ids)
                .param("now", at(now))
                .query(UUID.class)
                .list();
        return new Restored(restored, drafted);
    }

    /** Removes the content of up to {@code max} posts deleted before {@code before}; answers how many. */
    int eraseDeleted(Instant before, int max, Instant now) {
        return jdbc.sql(ERASE_DELETED)
                .param("before", at(before))
                .param("max", max)
                .param("now", at(now))
                .update();
    }

    /** Moves the group's live posts to drafts; answers how many moved. */
    int unschedule(UUID group, Instant now) {
        return jdbc.sql(UNSCHEDULE_GROUP)
                .param("group", group)
                .param("now", at(now))
                .update();
    }

    /** Queues the group's live posts for {@code cluster}; answers how many were queued. */
    int queue(UUID group, String cluster, Instant now) {
        return jdbc.sql(QUEUE_GROUP)
                .param("group", group)
                .param("cluster", cluster)
                .param("now", at(now))
                .update();
    }

    // --- publications ---

    List<Due> claim(
            String cluster,
            String node,
            Duration freshness,
            int max,
            Instant dueBy,
            Instant missedBefore,
            Instant now) {
        return jdbc.sql(CLAIM_DUE)
                .param("cluster", cluster)
                .param("node", node)
                .param("freshness", freshness.toMillis())
                .param("now", at(now))
                .param("dueBy", at(dueBy))
                .param("missedBefore", at(missedBefore))
                .param("max", max)
                .query(PostStore::due)
                .list();
    }

    /** The releases of the posts (thread items need their root's and their parent's). */
    Map<UUID, Release> releases(Collection<UUID> ids) {
        var releases = new HashMap<UUID, Release>();
        if (!ids.isEmpty()) {
            jdbc.sql(RELEASES).param("ids", ids).query(rs -> {
                var meta = rs.getString("release_meta");
                releases.put(
                        rs.getObject("id", UUID.class),
                        new Release(
                                rs.getString("release_id"),
                                rs.getString("release_url"),
                                meta == null ? null : json.readTree(meta)));
            });
        }
        return releases;
    }

    /** Records the claimed post PUBLISHED and frees its next thread item; empty if the claim is no longer the post's. */
    Optional<Recorded> recordPublished(UUID post, UUID claim, Release release, Instant now) {
        return jdbc.sql(RECORD_PUBLISHED)
                .param("id", post)
                .param("claim", claim)
                .param("releaseId", release.id())
                .param("releaseUrl", release.url())
                .param(
                        "releaseMeta",
                        release.meta() == null ? null : release.meta().toString())
                .param("now", at(now))
                .query((rs, row) -> new Recorded(
                        rs.getObject("group_id", UUID.class),
                        rs.getObject("organization_id", UUID.class),
                        rs.getObject("integration_id", UUID.class),
                        instant(rs, "due_at"),
                        rs.getObject("freed_id", UUID.class),
                        instant(rs, "freed_due_at"),
                        rs.getBoolean("queued")))
                .optional();
    }

    /**
     * Records the release of a live post that failed as outcome unknown: it is PUBLISHED. Answers
     * whether it was such a post.
     */
    boolean reconcile(UUID post, Release release, Instant now) {
        return jdbc.sql(RECONCILE_RELEASE)
                        .param("id", post)
                        .param("releaseId", release.id())
                        .param("releaseUrl", release.url())
                        .param(
                                "releaseMeta",
                                release.meta() == null ? null : release.meta().toString())
                        .param("now", at(now))
                        .update()
                > 0;
    }

    /** Creates the next occurrence of the group if it repeats and none of it is queued; answers it. */
    Optional<Occurrence> repeat(UUID group, String cluster, Instant now) {
        return jdbc.sql(REPEAT)
                .param("group", group)
                .param("cluster", cluster)
                .param("now", at(now))
                .query((rs, row) -> new Occurrence(instant(rs, "publish_date"), List.of((UUID[])
                        rs.getArray("ids").getArray())))
                .optional();
    }

    /** Records the claimed post ERROR; empty if the claim is no longer the post's. */
    Optional<Ended> recordFailed(UUID post, UUID claim, String error, Instant now) {
        return jdbc.sql(RECORD_FAILED)
                .param("id", post)
                .param("claim", claim)
                .param("error", error)
                .param("now", at(now))
                .query(PostStore::ended)
                .optional();
    }

    /**
     * Puts the claimed post back in the queue, unsent, due again at {@code due} (null: when it was);
     * answers its group, empty if the claim is no longer the post's.
     */
    Optional<UUID> release(UUID post, UUID claim, Instant due, Instant now) {
        return jdbc.sql(RELEASE_CLAIM)
                .param("id", post)
                .param("claim", claim)
                .param("due", due == null ? null : at(due))
                .param("now", at(now))
                .query(UUID.class)
                .optional();
    }

    /** Puts back in the queue the node's claims that none of {@code sending} is: answers post id to group id. */
    Map<UUID, UUID> releaseUnsent(String cluster, String node, Collection<UUID> sending, Instant now) {
        var released = new HashMap<UUID, UUID>();
        jdbc.sql(RELEASE_UNSENT)
                .param("cluster", cluster)
                .param("node", node)
                // "not in ()" is no SQL: the nil id is nobody's claim
                .param("sending", sending.isEmpty() ? List.of(new UUID(0, 0)) : sending)
                .param("now", at(now))
                .query(rs -> {
                    released.put(rs.getObject("id", UUID.class), rs.getObject("group_id", UUID.class));
                });
        return released;
    }

    /** What the post is now, in words for a log line. */
    String describe(UUID post) {
        return jdbc.sql(DESCRIBE)
                .param("id", post)
                .query((rs, row) -> rs.getString("state") + " (held by " + rs.getString("publishing_node") + ", claim "
                        + rs.getObject("claim_id", UUID.class) + ")")
                .optional()
                .orElse("gone");
    }

    // --- recovery ---

    /** Up to 100 queued posts due before {@code missedBefore}, locked, skipping rows others hold. */
    List<Missed> lockMissed(String cluster, Instant missedBefore) {
        return jdbc.sql(MISSED)
                .param("cluster", cluster)
                .param("missedBefore", at(missedBefore))
                .query((rs, row) -> new Missed(ended(rs, row), instant(rs, "due_at")))
                .list();
    }

    boolean failMissed(UUID post, String error, Instant now) {
        return jdbc.sql(FAIL_MISSED)
                        .param("id", post)
                        .param("error", error)
                        .param("now", at(now))
                        .update()
                > 0;
    }

    /** Fails the cluster's posts held by dead nodes or past stuck-after; answers them. */
    List<Abandoned> abandon(String cluster, Duration stuckAfter, String error, Instant now) {
        return jdbc.sql(ABANDON_HELD)
                .param("cluster", cluster)
                .param("stuckAfter", stuckAfter.toMillis())
                .param("error", error)
                .param("now", at(now))
                .query((rs, row) ->
                        new Abandoned(ended(rs, row), rs.getString("publishing_node"), instant(rs, "publishing_since")))
                .list();
    }

    /** Fails the queued items after a failed one of their thread; answers them (id and integration), in order. */
    List<Broken> breakThread(Ended failed, Instant now) {
        return jdbc
                .sql(BREAK)
                .param("root", failed.rootId())
                .param("index", failed.threadIndex())
                .param("error", brokenError(failed))
                .param("now", at(now))
                .query((rs, row) ->
                        new Broken(rs.getObject("id", UUID.class), rs.getObject("integration_id", UUID.class)))
                .list()
                .stream()
                .sorted(Comparator.comparing(Broken::id))
                .toList();
    }

    /** What a thread item that could not go out after a failed one says. */
    static String brokenError(Ended failed) {
        return "Not published: thread item " + failed.threadIndex() + " before it failed";
    }

    /** Whether the group still has a live queued post (one that needs an alarm). */
    boolean queued(UUID group) {
        return jdbc.sql(QUEUED).param("group", group).query(Boolean.class).single();
    }

    /** The group's version: the sum of its rows' versions, deleted ones included; 0 for no group. */
    long version(UUID group) {
        return jdbc.sql(VERSION).param("group", group).query(Long.class).single();
    }

    private static Due due(ResultSet rs, int row) throws SQLException {
        return new Due(
                rs.getObject("id", UUID.class),
                rs.getObject("claim_id", UUID.class),
                rs.getObject("group_id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("integration_id", UUID.class),
                rs.getObject("parent_post_id", UUID.class),
                rs.getObject("root_post_id", UUID.class),
                rs.getInt("thread_index"),
                rs.getString("content"),
                rs.getString("image"),
                rs.getString("settings"),
                instant(rs, "publish_date"));
    }

    private static Ended ended(ResultSet rs, int row) throws SQLException {
        var id = rs.getObject("id", UUID.class);
        var root = rs.getObject("root_post_id", UUID.class);
        return new Ended(
                id,
                rs.getObject("group_id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("integration_id", UUID.class),
                root == null ? id : root,
                rs.getInt("thread_index"));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A claimed post's row: what to send, and the claim every later statement about it matches. */
    record Due(
            UUID id,
            UUID claimId,
            UUID groupId,
            UUID organizationId,
            UUID integrationId,
            UUID parentId,
            UUID rootId,
            int threadIndex,
            String content,
            String image,
            String settings,
            Instant publishDate) {}

    /** A post that went PUBLISHED, and what its record changed around it. */
    record Recorded(
            UUID groupId,
            UUID organizationId,
            UUID integrationId,
            Instant dueAt,
            UUID freedId,
            Instant freedDueAt,
            boolean groupQueued) {}

    /** A post that ended in ERROR; its thread's later items fail with it. */
    record Ended(UUID id, UUID groupId, UUID organizationId, UUID integrationId, UUID rootId, int threadIndex) {}

    /** A thread item failed because an earlier item of its thread did. */
    record Broken(UUID id, UUID integrationId) {}

    record Missed(Ended post, Instant dueAt) {}

    /** A repeating group's next occurrence: its date and its posts. */
    record Occurrence(Instant publishDate, List<UUID> posts) {}

    /** The posts a restore brought back as they were, and those it brought back as drafts. */
    record Restored(List<UUID> asTheyWere, List<UUID> drafted) {}

    record Abandoned(Ended post, String node, Instant since) {}
}
