package io.herald.posts.publishing;

import io.herald.content.Html;
import io.herald.integrations.Integrations;
import io.herald.integrations.Publication;
import io.herald.integrations.PublishResult;
import io.herald.integrations.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes due posts. The posts table is the queue: a publisher claims due posts (QUEUE ->
 * PUBLISHING, one statement that skips rows a delete holds, so a delete either ran before and the
 * claim finds nothing, or waits and then sees PUBLISHING), sends each to its platform outside any
 * transaction, and records it PUBLISHED or ERROR in a short transaction that also frees the next
 * item of its thread and removes the group's alarms once nothing is queued. Every statement after
 * the claim matches the claim's id: a send whose claim was given up in the meantime is logged with
 * what the platform answered, and never recorded.
 */
@Service
@EnableConfigurationProperties(PublishingProperties.class)
class PublicationService {

    private static final Logger log = LoggerFactory.getLogger(PublicationService.class);

    /** About three minutes of retrying, for a database that restarts. */
    private static final int STORE_ATTEMPTS = 10;

    private final PostStore store;

    private final NodeHeartbeat heartbeat;

    private final Integrations integrations;

    private final PublicationScheduler scheduler;

    private final TransactionTemplate transaction;

    private final JsonMapper json;

    private final ApplicationEventPublisher events;

    private final PublishingProperties properties;

    private final PostMetrics metrics;

    private final FailedThreads failedThreads;

    private final PublicationEvents publicationEvents;

    private final Clock clock;

    PublicationService(
            PostStore store,
            NodeHeartbeat heartbeat,
            Integrations integrations,
            PublicationScheduler scheduler,
            TransactionTemplate transaction,
            JsonMapper json,
            ApplicationEventPublisher events,
            PublishingProperties properties,
            PostMetrics metrics,
            FailedThreads failedThreads,
            PublicationEvents publicationEvents,
            Clock clock) {
        this.store = store;
        this.heartbeat = heartbeat;
        this.integrations = integrations;
        this.scheduler = scheduler;
        this.transaction = transaction;
        this.json = json;
        this.events = events;
        this.properties = properties;
        this.metrics = metrics;
        this.failedThreads = failedThreads;
        this.publicationEvents = publicationEvents;
        this.clock = clock;
    }

    /**
     * Takes up to {@code max} posts due at least {@code overdue} ago for this node, oldest first,
     * and answers what to send for each; nothing while this node's heartbeat is not fresh. Posts past
     * the missed window are left to {@link PublicationRecovery}. The alarms of what it claimed are
     * spent; a full claim spends every due alarm, since this node claims again as soon as it has room
     * (see {@link PublicationScheduler#allSpent}).
     */
    List<Claim> claimDue(int max, Duration overdue) {
        var claimedAt = System.nanoTime();
        var held = inTransaction(() -> {
            var now = clock.instant();
            var claimed = store.claim(
                    scheduler.cluster(),
                    heartbeat.node(),
                    properties.claimFreshness(),
                    max,
                    now.minus(overdue),
                    now.minus(properties.missedAfter()),
                    now);
            if (claimed.size() == max) {
                scheduler.allSpent(now);
            } else if (!claimed.isEmpty()) {
                scheduler.spent(
                        claimed.stream().map(PostStore.Due::groupId).distinct().toList(), now);
            }
            return claimed;
        });
        // the releases the thread items answer, then what to send, once the claim committed
        return claims(held, claimedAt);
    }

    /**
     * Sends a claimed post, outside any transaction, within what is left of the send timeout, then
     * records how it went. Answers whether the claim is settled: recorded, or found to be no longer
     * this node's. An unsettled claim (its record failed for good) must never be released: the post
     * may be on its platform.
     */
    boolean publish(Claim claim) {
        PublishResult result;
        try {
            result = integrations.publish(claim.integrationId(), claim.publication(), timeLeft(claim));
        } catch (RuntimeException e) {
            // the integration could not even be read: nothing went out, the post goes back to the queue
            log.warn("Post {} was not sent ({}); it goes back to the queue", claim.postId(), e.toString());
            return store(claim, () -> release(claim));
        }
        if (result instanceof PublishResult.Published published) {
            return store(claim, () -> recordPublished(claim, published.release()));
        }
        if (result instanceof PublishResult.Deferred deferred) {
            return store(claim, () -> defer(claim, deferred));
        }
        var failed = (PublishResult.Failed) result;
        return store(claim, () -> recordFailed(claim, failed.error()));
    }

    /** Puts a claimed post that was never sent back in the queue (its sender refused it). */
    void release(Claim claim) {
        release(claim, null);
    }

    /**
     * A post the platform did not take, and asked for later, waits in the queue with an alarm at
     * that time (nothing was published, so sending it again cannot make a second copy); a wait past
     * the missed window fails it instead.
     */
    private void defer(Claim claim, PublishResult.Deferred deferred) {
        var now = clock.instant();
        if (deferred.until().isAfter(now.plus(properties.missedAfter()))) {
            recordFailed(
                    claim,
                    deferred.reason() + "; waiting until " + deferred.until() + " is longer than the "
                            + properties.missedAfter().toHours() + " h a post may be late, so it failed");
            return;
        }
        log.info("Post {} was not taken and waits until {}: {}", claim.postId(), deferred.until(), deferred.reason());
        release(claim, deferred.until());
    }

    /**
     * Back to the queue, due again at {@code due} (null: at once, as it was), with an alarm named as
     * every alarm is: the group's own for a root, the item's for a thread item.
     */
    private void release(Claim claim, Instant due) {
        var now = clock.instant();
        store.release(claim.postId(), claim.claimId(), due, now)
                .ifPresentOrElse(
                        group -> scheduler.schedule(
                                group, claim.publication().isReply() ? claim.postId() : group, due == null ? now : due),
                        () -> log.warn(
                                "Post {} was not sent, and its claim is no longer this node's: it is {}",
                                claim.postId(),
                                store.describe(claim.postId())));
    }

    /** Releases in a transaction of its own: the sender pool refused the post. */
    void releaseRefused(Claim claim) {
        transaction.executeWithoutResult(status -> release(claim));
    }

    /**
     * Puts back in the queue this node's claims that no sender holds: a claim whose commit was not
     * acknowledged left posts PUBLISHING that this node never learned of, and nothing was sent for
     * them. {@code sending} holds every claim this node handed to a sender and has not settled.
     */
    int releaseUnknownClaims(Collection<UUID> sending) {
        var count = transaction.execute(status -> {
            var now = clock.instant();
            var released = store.releaseUnsent(scheduler.cluster(), heartbeat.node(), sending, now);
            released.forEach((post, group) -> {
                log.warn(
                        "Post {} was claimed but never sent (the claim's answer was lost); it goes back to the queue",
                        post);
                scheduler.schedule(group, post, now);
            });
            return released.size();
        });
        return count == null ? 0 : count;
    }

    /**
     * Stores what became of a post this node holds, retrying while the database is away: the answer
     * of the platform is known only here, and losing it would leave the post PUBLISHING until the
     * stuck-post sweep fails it as outcome unknown. Answers whether it was stored.
     */
    private boolean store(Claim claim, Runnable record) {
        var wait = Duration.ofMillis(500);
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> record.run());
                return true;
            } catch (RuntimeException e) {
                if (attempt >= STORE_ATTEMPTS) {
                    log.error(
                            "Could not record post {} after {} attempts; it stays PUBLISHING",
                            claim.postId(),
                            attempt,
                            e);
                    return false;
                }
                log.warn("Recording post {} failed ({}); retrying in {}", claim.postId(), e.toString(), wait);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                wait = Duration.ofMillis(Math.min(wait.toMillis() * 2, 30_000));
            }
        }
    }

    /**
     * Records a post the platform accepted, if this claim still holds it: it goes PUBLISHED, the next
     * item of its thread becomes due (an alarm for it, or a wake-up when it is due at once), and the
     * group's alarms go once nothing is queued.
     */
    private void recordPublished(Claim claim, Release release) {
        var now = clock.instant();
        var recorded = store.recordPublished(claim.postId(), claim.claimId(), release, now);
        if (recorded.isEmpty()) {
            log.error(
                    "Post {} went out (release id {}, URL {}) under claim {}, which is no longer its claim: it is {}."
                            + " The release is not recorded",
                    claim.postId(),
                    release.id(),
                    release.url(),
                    claim.claimId(),
                    store.describe(claim.postId()));
            return;
        }
        var post = recorded.get();
        metrics.published(post.integrationId(), Duration.between(post.dueAt(), now));
        publicationEvents.published(claim.postId(), post, release);
        if (post.freedId() != null) {
            if (post.freedDueAt().isAfter(now)) {
                scheduler.schedule(post.groupId(), post.freedId(), post.freedDueAt());
            } else {
                events.publishEvent(new PostsDue());
            }
        }
        if (!post.groupQueued()) {
            // the occurrence is over: a repeating group queues its next one, in this transaction
            store.repeat(post.groupId(), scheduler.cluster(), now)
                    .ifPresentOrElse(
                            next -> {
                                publicationEvents.occurrenceCreated(post, next);
                                scheduler.schedule(post.groupId(), post.groupId(), next.publishDate());
                                if (!next.publishDate().isAfter(now)) {
                                    events.publishEvent(new PostsDue());
                                }
                            },
                            () -> scheduler.cancel(post.groupId()));
        }
    }

    /** Records a post that did not go out (or whose outcome is unknown), if this claim still holds it. */
    private void recordFailed(Claim claim, String error) {
        var now = clock.instant();
        var failed = store.recordFailed(claim.postId(), claim.claimId(), error, now);
        if (failed.isEmpty()) {
            log.error(
                    "Post {} failed ({}) under claim {}, which is no longer its claim: it is {}. The failure is not"
                            + " recorded",
                    claim.postId(),
                    error,
                    claim.claimId(),
                    store.describe(claim.postId()));
            return;
        }
        metrics.failed(failed.get().integrationId(), PostMetrics.Failure.PLATFORM);
        publicationEvents.failed(failed.get(), PostMetrics.Failure.PLATFORM, error);
        failedThreads.settle(List.of(failed.get()), now);
    }

    /** What is left of the send timeout since the claim; every platform call of the send is cut to it. */
    private Duration timeLeft(Claim claim) {
        var left = properties.sendTimeout().minusNanos(System.nanoTime() - claim.claimedAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private <T> List<T> inTransaction(Supplier<List<T>> work) {
        var result = transaction.execute(status -> work.get());
        return result == null ? List.of() : result;
    }

    /** What to send for each claimed post; a thread item answers its root's and its parent's releases. */
    private List<Claim> claims(List<PostStore.Due> claimed, long claimedAt) {
        var releases = store.releases(claimed.stream()
                .filter(post -> post.parentId() != null)
                .flatMap(post -> Stream.of(post.rootId(), post.parentId()))
                .distinct()
                .toList());
        return claimed.stream()
                .map(post -> new Claim(
                        post.id(), post.claimId(), post.integrationId(), publication(post, releases), claimedAt))
                .toList();
    }

    private Publication publication(PostStore.Due post, Map<UUID, Release> releases) {
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

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }

    /**
     * A post this node holds under {@code claimId}, and what to send; {@code claimedAt} is when, on
     * this node's monotonic clock ({@link System#nanoTime()}), which the send timeout counts from.
     */
    record Claim(UUID postId, UUID claimId, UUID integrationId, Publication publication, long claimedAt) {}
}
