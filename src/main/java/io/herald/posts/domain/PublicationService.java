package io.herald.posts.domain;

import io.herald.content.Html;
import io.herald.integrations.Integrations;
import io.herald.integrations.Publication;
import io.herald.integrations.PublishResult;
import io.herald.integrations.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
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
            returning id
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
     */
    public List<Claim> claimDue(int max, Duration overdue) {
        var claims = transaction.execute(status -> {
            var now = clock.instant();
            var ids = jdbc.sql(CLAIM)
                    .param("cluster", scheduler.cluster())
                    .param("node", scheduler.node())
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("dueBy", now.minus(overdue).atOffset(ZoneOffset.UTC))
                    .param("missedBefore", now.minus(properties.missedAfter()).atOffset(ZoneOffset.UTC))
                    .param("max", max)
                    .query(UUID.class)
                    .list();
            return ids.isEmpty() ? List.<Claim>of() : claims(ids);
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
            store(claim.postId(), post -> post.unclaim(scheduler.node(), clock.instant()));
            return;
        }
        store(claim.postId(), post -> record(post, result));
    }

    /**
     * Stores what became of a post this node holds, retrying while the database is away: the answer
     * of the platform is known only here, and losing it would leave the post PUBLISHING until the
     * stuck-post sweep fails it as outcome unknown.
     */
    private void store(UUID postId, Consumer<Post> change) {
        var wait = Duration.ofMillis(500);
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    var post = posts.lock(postId).orElseThrow();
                    if (post.state() != PostState.PUBLISHING
                            || !scheduler.node().equals(post.publishingNode())) {
                        log.error(
                                "Post {} is {} (held by {}), no longer this node's; what it sent is not recorded",
                                postId,
                                post.state(),
                                post.publishingNode());
                        return;
                    }
                    change.accept(post);
                });
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
                    .param("missedBefore", now.minus(properties.missedAfter()).atOffset(ZoneOffset.UTC))
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

    private void record(Post post, PublishResult result) {
        var now = clock.instant();
        if (result instanceof PublishResult.Published published) {
            var release = published.release();
            post.published(
                    release.id(),
                    release.url(),
                    release.meta() == null ? null : release.meta().toString(),
                    now);
            metrics.published(post.integrationId(), Duration.between(post.dueAt(), now));
            var next = posts.lockQueuedChild(post.id());
            if (next.isPresent()) {
                var item = next.get();
                item.followsPublished(now);
                if (item.dueAt().isAfter(now)) {
                    scheduler.schedule(item.groupId(), item.id(), item.dueAt());
                } else {
                    events.publishEvent(new PostsDue());
                }
            }
        } else if (result instanceof PublishResult.Failed failed) {
            fail(post, PostMetrics.Failure.PLATFORM, failed.error(), now);
        }
        closeIfDone(post.groupId());
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

    /** A group with nothing queued any more needs no alarm. */
    private void closeIfDone(UUID group) {
        if (!posts.hasQueued(group)) {
            scheduler.cancel(group);
        }
    }

    private List<Claim> claims(Collection<UUID> ids) {
        var claimed = posts.findAllById(ids);
        var related = Stream.concat(
                        claimed.stream().map(Post::parentId),
                        claimed.stream().filter(post -> post.parentId() != null).map(Post::rootId))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        var releases = posts.findAllById(related).stream().collect(Collectors.toMap(Post::id, Function.identity()));
        var claims = new ArrayList<Claim>();
        for (var post : claimed) {
            claims.add(new Claim(post.id(), post.integrationId(), publication(post, releases)));
        }
        return claims;
    }

    private Publication publication(Post post, Map<UUID, Post> related) {
        var images = new ArrayList<Publication.Image>();
        for (var image : json.readTree(post.imageJson())) {
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
                json.readTree(post.settingsJson()),
                post.publishDate(),
                post.parentId(),
                post.threadIndex(),
                isItem ? release(related.get(post.rootId())) : null,
                isItem ? release(related.get(post.parentId())) : null);
    }

    private Release release(Post post) {
        var meta = post.releaseMeta() == null ? null : json.readTree(post.releaseMeta());
        return new Release(post.releaseId(), post.releaseUrl(), meta);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }

    private static String describe(Duration duration) {
        return duration.toHours() >= 1 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }

    /** A post this node holds, and what to send. */
    public record Claim(UUID postId, UUID integrationId, Publication publication) {}
}
