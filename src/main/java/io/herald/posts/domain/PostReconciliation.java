package io.herald.posts.domain;

import io.herald.events.EventType;
import io.herald.events.Events;
import io.herald.integrations.PlatformPosts;
import io.herald.integrations.Release;
import io.herald.kernel.Ids;
import io.herald.posts.publishing.GroupLifecycle;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finding and recording what a publication whose outcome is unknown made (Postiz's
 * {@code posts:missing} and {@code posts:connect}): Herald never sends such a post again, so the
 * user looks at the account's latest posts on the platform and names the one that went out. The
 * platform is asked outside any transaction; the record is one short transaction on the locked
 * group, so it and a delete of the group never both win.
 */
@Service
public class PostReconciliation {

    private final PostQueries queries;

    private final PostRepository posts;

    private final GroupLifecycle lifecycle;

    private final PlatformPosts platforms;

    private final TransactionTemplate transaction;

    private final Clock clock;

    private final Events events;

    PostReconciliation(
            PostQueries queries,
            PostRepository posts,
            GroupLifecycle lifecycle,
            PlatformPosts platforms,
            TransactionTemplate transaction,
            Clock clock,
            Events events) {
        this.events = events;
        this.queries = queries;
        this.posts = posts;
        this.lifecycle = lifecycle;
        this.platforms = platforms;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The latest posts of the account the post was sent to, newest first; none where the platform cannot list them. */
    public List<Release> missing(UUID organizationId, String postId) {
        return platforms.recent(reconciling(organizationId, postId).integrationId());
    }

    /**
     * Records {@code releaseId} (checked on the platform where it can tell, its URL derived) as the
     * post's release: the post is PUBLISHED.
     */
    public void connect(UUID organizationId, String postId, String releaseId) {
        var post = reconciling(organizationId, postId);
        var release = platforms.release(post.integrationId(), releaseId);
        var id = Ids.parse(postId).orElseThrow();
        transaction.executeWithoutResult(status -> {
            var member = lifecycle.lockGroupOf(id, organizationId).stream()
                    .filter(locked -> locked.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> notFound(id, postId));
            if (!lifecycle.reconcile(member, release, clock.instant())) {
                throw new NotReconcilableException(postId);
            }
            var data = new LinkedHashMap<String, Object>();
            data.put("integration", post.integrationId());
            data.put("releaseId", release.id());
            data.put("releaseURL", release.url());
            data.put("connected", true);
            events.record(EventType.POST_PUBLISHED, organizationId, member.groupId(), List.of(id), data);
        });
    }

    private PostQueries.Reconciling reconciling(UUID organizationId, String postId) {
        var id = Ids.parse(postId).orElseThrow(() -> PostNotFoundException.forPost(postId));
        var post = queries.reconciling(organizationId, id).orElseThrow(() -> notFound(id, postId));
        if (!post.outcomeUnknown()) {
            throw new NotReconcilableException(postId);
        }
        return post;
    }

    /** Another organization's live post (403) or none (404). */
    private RuntimeException notFound(UUID id, String postId) {
        return posts.existsByIdAndDeletedAtIsNull(id)
                ? new PostAccessDeniedException("Post " + postId)
                : PostNotFoundException.forPost(postId);
    }
}
