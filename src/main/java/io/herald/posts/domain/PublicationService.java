package io.herald.posts.domain;

import io.herald.content.Html;
import io.herald.integrations.Integrations;
import io.herald.integrations.Publication;
import io.herald.integrations.PublishResult;
import io.herald.integrations.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a group's due posts. Each post goes QUEUE -> PUBLISHING in a short transaction that
 * holds the post's row lock (so a delete either ran before and the claim finds nothing, or waits and
 * then sees PUBLISHING), is sent to its platform outside any transaction, and is recorded
 * PUBLISHED or ERROR in a second short transaction, which also schedules what the group has left.
 */
@Service
@EnableConfigurationProperties(PublishingProperties.class)
public class PublicationService {

    private static final Logger log = LoggerFactory.getLogger(PublicationService.class);

    static final String ABANDONED = "Publication outcome unknown: the Herald node that was sending this post stopped"
            + " before the platform's answer was recorded. It is not sent again automatically.";

    private static final String DUE = """
            select p.id from posts p left join posts parent on parent.id = p.parent_post_id
            where p.group_id = :group and p.state = 'QUEUE' and p.deleted_at is null
              and ((p.parent_post_id is null and p.publish_date <= :now)
                or (parent.state = 'PUBLISHED'
                    and parent.published_at + p.delay_minutes * interval '1 minute' <= :now))
            order by p.id
            """;

    private static final String NEXT_DUE = """
            select min(case when p.parent_post_id is null then p.publish_date
                            else parent.published_at + p.delay_minutes * interval '1 minute' end)
            from posts p left join posts parent on parent.id = p.parent_post_id
            where p.group_id = :group and p.state = 'QUEUE' and p.deleted_at is null
              and (p.parent_post_id is null or parent.state = 'PUBLISHED')
            """;

    private final PostRepository posts;

    private final Integrations integrations;

    private final PublicationScheduler scheduler;

    private final TransactionTemplate transaction;

    private final JdbcClient jdbc;

    private final JsonMapper json;

    private final Clock clock;

    private final PublishingProperties properties;

    private final PostMetrics metrics;

    PublicationService(
            PostRepository posts,
            Integrations integrations,
            PublicationScheduler scheduler,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock,
            PublishingProperties properties,
            PostMetrics metrics) {
        this.posts = posts;
        this.integrations = integrations;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Publishes, one after the other, the group's posts that are due now. */
    public void publishDue(UUID group) {
        var due = jdbc.sql(DUE)
                .param("group", group)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query(UUID.class)
                .list();
        for (var post : due) {
            publish(post);
        }
    }

    private void publish(UUID postId) {
        var claim = transaction.execute(status -> claim(postId));
        if (claim == null) {
            return;
        }
        var result = integrations.publish(claim.integrationId(), claim.publication());
        transaction.executeWithoutResult(status -> record(postId, result, claim.dueAt()));
    }

    /** Takes the post for this node, if it is still queued, live and due; fails it if it is too late. */
    private Claim claim(UUID postId) {
        var post = posts.lock(postId).orElse(null);
        if (post == null || post.state() != PostState.QUEUE || post.deleted()) {
            return null;
        }
        var parent =
                post.parentId() == null ? null : posts.findById(post.parentId()).orElseThrow();
        if (parent != null && parent.state() != PostState.PUBLISHED) {
            return null;
        }
        var now = clock.instant();
        var dueAt = post.dueAt(parent);
        if (dueAt.isAfter(now)) {
            return null;
        }
        var late = Duration.between(dueAt, now);
        if (late.compareTo(properties.missedAfter()) > 0) {
            fail(
                    post,
                    PostMetrics.Failure.MISSED,
                    "Missed: Herald was not running at the publish time and came back " + describe(late)
                            + " later, more than the " + describe(properties.missedAfter()) + " allowed.",
                    now);
            scheduleRest(post.groupId());
            return null;
        }
        post.claim(scheduler.node(), now);
        var root = parent == null
                ? null
                : parent.threadIndex() == 0
                        ? parent
                        : posts.findById(post.rootId()).orElseThrow();
        return new Claim(post.integrationId(), publication(post, root, parent), dueAt);
    }

    private void record(UUID postId, PublishResult result, Instant dueAt) {
        var post = posts.lock(postId).orElseThrow();
        if (post.state() != PostState.PUBLISHING) {
            log.error(
                    "Post {} became {} while this node was publishing it; the platform's answer was {}",
                    postId,
                    post.state(),
                    result);
            return;
        }
        var now = clock.instant();
        if (result instanceof PublishResult.Published published) {
            var release = published.release();
            post.published(
                    release.id(),
                    release.url(),
                    release.meta() == null ? null : release.meta().toString(),
                    now);
            metrics.published(post.integrationId(), Duration.between(dueAt, now));
        } else if (result instanceof PublishResult.Failed failed) {
            fail(post, PostMetrics.Failure.PLATFORM, failed.error(), now);
        }
        scheduleRest(post.groupId());
    }

    /**
     * Gives up the posts that nodes no longer alive were sending: nobody knows whether the platform
     * got them, so they fail rather than risk a second copy.
     */
    public int abandonPostsOfDeadNodes() {
        var live = scheduler.liveNodes();
        var abandoned = transaction.execute(status -> {
            var held = posts.lockPublishingNotOn(live);
            var now = clock.instant();
            for (var post : held) {
                log.warn(
                        "Post {} was being published by node {}, which stopped; it fails as outcome unknown",
                        post.id(),
                        post.publishingNode());
                fail(post, PostMetrics.Failure.ABANDONED, ABANDONED, now);
            }
            held.stream().map(Post::groupId).distinct().forEach(this::scheduleRest);
            return held.size();
        });
        return abandoned == null ? 0 : abandoned;
    }

    /**
     * Re-schedules groups whose posts are overdue but have no trigger (a node died while its job
     * ran, and the cluster dropped the fired trigger). Claims are conditional, so a spare firing
     * is harmless.
     */
    public int rescheduleOrphans() {
        var overdue = clock.instant().minus(properties.orphanGrace());
        var groups = posts.findGroupsQueuedBefore(overdue);
        var repaired = 0;
        for (var group : groups) {
            if (!scheduler.isScheduled(group)) {
                log.warn("Group {} has overdue posts and no trigger; scheduling it now", group);
                transaction.executeWithoutResult(status -> scheduler.schedule(group, clock.instant()));
                repaired++;
            }
        }
        return repaired;
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
    }

    /** Schedules the group's next due post, if it has one; in the caller's transaction. */
    private void scheduleRest(UUID group) {
        posts.flush();
        var next = jdbc.sql(NEXT_DUE)
                .param("group", group)
                .query(OffsetDateTime.class)
                .optional();
        next.map(OffsetDateTime::toInstant).ifPresent(at -> scheduler.schedule(group, at));
    }

    private Publication publication(Post post, Post root, Post parent) {
        var images = new ArrayList<Publication.Image>();
        for (var image : json.readTree(post.imageJson())) {
            images.add(new Publication.Image(
                    text(image, "id"), text(image, "path"), text(image, "alt"), text(image, "thumbnail")));
        }
        return new Publication(
                post.id(),
                post.groupId(),
                post.organizationId(),
                post.id().toString(),
                post.content(),
                Html.text(post.content()),
                List.copyOf(images),
                json.readTree(post.settingsJson()),
                post.publishDate(),
                post.parentId(),
                post.threadIndex(),
                release(root),
                release(parent));
    }

    private Release release(Post post) {
        if (post == null) {
            return null;
        }
        var meta = post.releaseMeta() == null ? null : json.readTree(post.releaseMeta());
        return new Release(post.releaseId(), post.releaseUrl(), meta);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }

    private static String describe(Duration duration) {
        return duration.toHours() >= 1 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }

    private record Claim(UUID integrationId, Publication publication, Instant dueAt) {}
}
