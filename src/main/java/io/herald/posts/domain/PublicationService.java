package io.herald.posts.domain;

import io.herald.content.Html;
import io.herald.integrations.Integrations;
import io.herald.integrations.Publication;
import io.herald.integrations.PublishResult;
import io.herald.integrations.Release;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes due posts. The posts table is the queue: a publisher claims due posts (QUEUE ->
 * PUBLISHING, one conditional statement that skips rows a delete holds, so a delete either ran
 * before and the claim finds nothing, or waits and then sees PUBLISHING), sends each to its
 * platform outside any transaction, and records it PUBLISHED or ERROR in a short transaction that
 * also frees the next item of its thread and removes the group's alarms once nothing is queued.
 */
@Service
@EnableConfigurationProperties(PublishingProperties.class)
public class PublicationService {

    private static final Logger log = LoggerFactory.getLogger(PublicationService.class);

    static final String ABANDONED = "Publication outcome unknown: the Herald node that was sending this post stopped"
            + " (or got stuck) before the platform's answer was recorded. It is not sent again automatically.";

    /** About three minutes of retrying, for a database that restarts. */
    private static final int STORE_ATTEMPTS = 10;

    private static final String CLAIM = """
            update posts set state = 'PUBLISHING', publishing_node = :node, publishing_since = :now, updated_at = :now
            where id in (select id from posts
                         where cluster = :cluster and state = 'QUEUE' and deleted_at is null
                           and due_at <= :dueBy and due_at >= :missedBefore
                         order by due_at limit :max for update skip locked)
            returning id, group_id, organization_id, integration_id, parent_post_id, root_post_id, thread_index,
                      content, image, settings, publish_date
            """;

    private static final String RELEASES =
            "select id, release_id, release_url, release_meta from posts where id in (:ids)";

    /** A held post goes PUBLISHED; answers what the rest of the record needs. */
    private static final String PUBLISHED = """
            update posts set state = 'PUBLISHED', release_id = :releaseId, release_url = :releaseUrl,
                             release_meta = cast(:releaseMeta as jsonb), published_at = :now, updated_at = :now
            where id = :id and state = 'PUBLISHING' and publishing_node = :node
            returning group_id, integration_id, due_at
            """;

    /** The queued item after a published one becomes due its delay later (the delay rounded to milliseconds). */
    private static final String FOLLOWS_PUBLISHED = """
            update posts set due_at = :now + round(delay_minutes * 60000) * interval '1 millisecond', updated_at = :now
            where parent_post_id = :parent and deleted_at is null and state = 'QUEUE'
            returning id, group_id, due_at
            """;

    private static final String QUEUED = """
            select exists (select 1 from posts where group_id = :group and deleted_at is null and state = 'QUEUE')
            """;

    private static final String MISSED = """
            select id from posts
            where cluster = :cluster and state = 'QUEUE' and deleted_at is null and due_at < :missedBefore
            order by due_at limit 100 for update skip locked
            """;

    private final PostRepository posts;

    private final Integrations integrations;

    private final PublicationScheduler scheduler;

    private final TransactionTemplate transaction;

    private final JdbcClient jdbc;

    private final JsonMapper json;

    private final ApplicationEventPublisher events;

    private final PublishingProperties properties;

    private final PostMetrics metrics;

    private final Clock clock;

    PublicationService(
            PostRepository posts,
            Integrations integrations,
            PublicationScheduler scheduler,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            JsonMapper json,
            ApplicationEventPublisher events,
            PublishingProperties properties,
            PostMetrics metrics,
            Clock clock) {
        this.posts = posts;
        this.integrations = integrations;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Takes up to {@code max} posts due at least {@code overdue} ago for this node, oldest first,
     * and answers what to send for each. Posts past the missed window are left to {@link #failMissed()}.
     * The alarms of what it claimed are spent; a full claim spends every due alarm, since this node
     * claims again as soon as it has room (see {@link PublicationScheduler#allSpent}).
     */
    public List<Claim> claimDue(int max, Duration overdue) {
        var claims = transaction.execute(status -> {
            var now = clock.instant();
            var claimed = jdbc.sql(CLAIM)
                    .param("cluster", scheduler.cluster())
                    .param("node", scheduler.node())
                    .param("now", at(now))
                    .param("dueBy", at(now.minus(overdue)))
                    .param("missedBefore", at(now.minus(properties.missedAfter())))
                    .param("max", max)
                    .query(PublicationService::due)
                    .list();
            if (claimed.size() == max) {
                scheduler.allSpent(now);
            } else {
                scheduler.spent(claimed.stream().map(Due::groupId).distinct().toList(), now);
            }
            return claims(claimed);
        });
        return claims == null ? List.of() : claims;
    }

    /** Sends a claimed post, outside any transaction, then records how it went. */
    public void publish(Claim claim) {
        PublishResult result;
        try {
            result = integrations.publish(claim.integrationId(), claim.publication());
        } catch (RuntimeException e) {
            // the integration could not even be read: nothing went out, the post goes back to the queue
            log.warn("Post {} was not sent ({}); it goes back to the queue", claim.postId(), e.toString());
            store(
                    claim.postId(),
                    () -> change(claim.postId(), post -> post.unclaim(scheduler.node(), clock.instant())));
            return;
        }
        if (result instanceof PublishResult.Published published) {
            store(claim.postId(), () -> recordPublished(claim.postId(), published.release()));
        } else if (result instanceof PublishResult.Failed failed) {
            store(
                    claim.postId(),
                    () -> change(claim.postId(), post -> {
                        fail(post, PostMetrics.Failure.PLATFORM, failed.error(), clock.instant());
                        closeIfDone(post.groupId());
                    }));
        } else if (result instanceof PublishResult.Deferred deferred) {
            store(claim.postId(), () -> change(claim.postId(), post -> defer(post, deferred)));
        }
    }

    /**
     * A post the platform did not take, and asked for later, waits in the queue with an alarm at
     * that time (it was not published, so sending it again cannot make a second copy); a wait past
     * the missed window fails it instead.
     */
    private void defer(Post post, PublishResult.Deferred deferred) {
        var now = clock.instant();
        if (deferred.until().isAfter(now.plus(properties.missedAfter()))) {
            fail(
                    post,
                    PostMetrics.Failure.PLATFORM,
                    deferred.reason() + "; waiting until " + deferred.until() + " is longer than the "
                            + describe(properties.missedAfter()) + " a post may be late, so it failed",
                    now);
            closeIfDone(post.groupId());
            return;
        }
        log.info("Post {} was not taken and waits until {}: {}", post.id(), deferred.until(), deferred.reason());
        post.defer(scheduler.node(), deferred.until(), now);
        scheduler.schedule(post.groupId(), post.threadIndex() == 0 ? post.groupId() : post.id(), deferred.until());
    }

    /**
     * Stores what became of a post this node holds, retrying while the database is away: the answer
     * of the platform is known only here, and losing it would leave the post PUBLISHING until the
     * stuck-post sweep fails it as outcome unknown.
     */
    private void store(UUID postId, Runnable record) {
        var wait = Duration.ofMillis(500);
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> record.run());
                return;
            } catch (RuntimeException e) {
                if (attempt >= STORE_ATTEMPTS) {
                    log.error("Could not record post {} after {} attempts; it stays PUBLISHING", postId, attempt, e);
                    return;
                }
                log.warn("Recording post {} failed ({}); retrying in {}", postId, e.toString(), wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = Duration.ofMillis(Math.min(wait.toMillis() * 2, 30_000));
            }
        }
    }

    /** Fails the queued posts that are more than the missed window late: Herald was down at their time. */
    public int failMissed() {
        var failed = transaction.execute(status -> {
            var now = clock.instant();
            var ids = jdbc.sql(MISSED)
                    .param("cluster", scheduler.cluster())
                    .param("missedBefore", at(now.minus(properties.missedAfter())))
                    .query(UUID.class)
                    .list();
            for (var post : posts.findAllById(ids)) {
                var late = Duration.between(post.dueAt(), now);
                log.warn("Post {} is {} late; it fails as missed", post.id(), describe(late));
                fail(
                        post,
                        PostMetrics.Failure.MISSED,
                        "Missed: Herald was not running at the publish time and came back " + describe(late)
                                + " later, more than the " + describe(properties.missedAfter()) + " allowed.",
                        now);
                closeIfDone(post.groupId());
            }
            return ids.size();
        });
        return failed == null ? 0 : failed;
    }

    /**
     * Gives up the posts that nodes no longer alive were sending: nobody knows whether the platform
     * got them, so they fail rather than risk a second copy.
     */
    public int abandonPostsOfDeadNodes() {
        var abandoned = transaction.execute(status -> {
            var now = clock.instant();
            var held = posts.lockAbandoned(scheduler.liveNodes(), now.minus(properties.stuckAfter()));
            for (var post : held) {
                log.warn(
                        "Post {} was being published by node {} since {}, which stopped or got stuck; it fails as"
                                + " outcome unknown",
                        post.id(),
                        post.publishingNode(),
                        post.publishingSince());
                fail(post, PostMetrics.Failure.ABANDONED, ABANDONED, now);
            }
            held.stream().map(Post::groupId).distinct().forEach(this::closeIfDone);
            return held.size();
        });
        return abandoned == null ? 0 : abandoned;
    }

    /** Changes the post if this node still holds it. */
    private void change(UUID postId, Consumer<Post> change) {
        var post = posts.lock(postId).orElseThrow();
        if (post.state() == PostState.PUBLISHING && scheduler.node().equals(post.publishingNode())) {
            change.accept(post);
        } else {
            notHeld(post);
        }
    }

    /**
     * Records a post the platform accepted, in plain SQL (the path every publication takes): it goes
     * PUBLISHED if this node still holds it, the next item of its thread becomes due, and the group's
     * alarms go once nothing is queued.
     */
    private void recordPublished(UUID postId, Release release) {
        var now = clock.instant();
        var recorded = jdbc.sql(PUBLISHED)
                .param("id", postId)
                .param("node", scheduler.node())
                .param("releaseId", release.id())
                .param("releaseUrl", release.url())
                .param(
                        "releaseMeta",
                        release.meta() == null ? null : release.meta().toString())
                .param("now", at(now))
                .query((rs, row) -> new Published(
                        rs.getObject("group_id", UUID.class),
                        rs.getObject("integration_id", UUID.class),
                        instant(rs, "due_at")))
                .optional();
        if (recorded.isEmpty()) {
            notHeld(posts.findById(postId).orElseThrow());
            return;
        }
        var post = recorded.get();
        metrics.published(post.integrationId(), Duration.between(post.dueAt(), now));
        jdbc.sql(FOLLOWS_PUBLISHED)
                .param("parent", postId)
                .param("now", at(now))
                .query((rs, row) -> new Freed(
                        rs.getObject("id", UUID.class), rs.getObject("group_id", UUID.class), instant(rs, "due_at")))
                .optional()
                .ifPresent(item -> {
                    if (item.dueAt().isAfter(now)) {
                        scheduler.schedule(item.groupId(), item.id(), item.dueAt());
                    } else {
                        events.publishEvent(new PostsDue());
                    }
                });
        closeIfDone(post.groupId());
    }

    private static void notHeld(Post post) {
        log.error(
                "Post {} is {} (held by {}), no longer this node's; what it sent is not recorded",
                post.id(),
                post.state(),
                post.publishingNode());
    }

    /** Fails the post and the rest of its thread, which cannot go out without it. */
    private void fail(Post post, PostMetrics.Failure reason, String error, Instant now) {
        post.failed(error, now);
        metrics.failed(post.integrationId(), reason);
        for (var follower : posts.lockFollowers(post.rootId(), post.threadIndex())) {
            if (follower.state() == PostState.QUEUE) {
                follower.failed("Not published: thread item " + post.threadIndex() + " before it failed", now);
                metrics.failed(follower.integrationId(), PostMetrics.Failure.THREAD);
            }
        }
        posts.flush(); // the SQL that follows (closeIfDone) sees the failures
    }

    /** A group with nothing queued any more needs no alarm. */
    private void closeIfDone(UUID group) {
        if (!jdbc.sql(QUEUED).param("group", group).query(Boolean.class).single()) {
            scheduler.cancel(group);
        }
    }

    private static Due due(ResultSet rs, int row) throws SQLException {
        return new Due(
                rs.getObject("id", UUID.class),
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

    /** What to send for each claimed post; a thread item answers its root's and its parent's releases. */
    private List<Claim> claims(List<Due> claimed) {
        var related = claimed.stream()
                .filter(post -> post.parentId() != null)
                .flatMap(post -> Stream.of(post.rootId(), post.parentId()))
                .distinct()
                .toList();
        var releases = new HashMap<UUID, Release>();
        if (!related.isEmpty()) {
            jdbc.sql(RELEASES).param("ids", related).query(rs -> {
                var meta = rs.getString("release_meta");
                releases.put(
                        rs.getObject("id", UUID.class),
                        new Release(
                                rs.getString("release_id"),
                                rs.getString("release_url"),
                                meta == null ? null : json.readTree(meta)));
            });
        }
        return claimed.stream()
                .map(post -> new Claim(post.id(), post.integrationId(), publication(post, releases)))
                .toList();
    }

    private Publication publication(Due post, Map<UUID, Release> releases) {
        var images = new ArrayList<Publication.Image>();
        for (var image : json.readTree(post.image())) {
            images.add(new Publication.Image(
                    text(image, "id"), text(image, "path"), text(image, "alt"), text(image, "thumbnail")));
        }
        var isItem = post.parentId() != null;
        return new Publication(
                post.id(),
                post.groupId(),
                post.organizationId(),
                post.id().toString(),
                post.content(),
                Html.text(post.content()),
                List.copyOf(images),
                json.readTree(post.settings()),
                post.publishDate(),
                post.parentId(),
                post.threadIndex(),
                isItem ? releases.get(post.rootId()) : null,
                isItem ? releases.get(post.parentId()) : null);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }

    private static String describe(Duration duration) {
        return duration.toHours() >= 1 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }

    /** A post this node holds, and what to send. */
    public record Claim(UUID postId, UUID integrationId, Publication publication) {}

    /** A claimed post's row. */
    private record Due(
            UUID id,
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

    /** A post that went PUBLISHED. */
    private record Published(UUID groupId, UUID integrationId, Instant dueAt) {}

    /** The thread item a publication made due. */
    private record Freed(UUID id, UUID groupId, Instant dueAt) {}
}
