package io.herald.posts.domain;

import io.herald.integrations.PlatformStatistics;
import io.herald.kernel.Ids;
import io.herald.posts.publishing.PostState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Postiz's post analytics: the numbers the platform keeps of a published post (see {@link PlatformStatistics}). */
@Service
public class PostAnalytics {

    private final PostQueries queries;

    private final PostRepository posts;

    private final PlatformStatistics statistics;

    PostAnalytics(PostQueries queries, PostRepository posts, PlatformStatistics statistics) {
        this.queries = queries;
        this.posts = posts;
        this.statistics = statistics;
    }

    /**
     * The post's numbers on its platform; empty when the post has no release there (it was never
     * published), which Postiz answers {@code {"missing":true}}.
     */
    public Optional<List<PlatformStatistics.Analytics>> of(UUID organizationId, String postId, int days) {
        var id = Ids.parse(postId).orElseThrow(() -> PostNotFoundException.forPost(postId));
        var post = queries.one(organizationId, id)
                .orElseThrow(() -> posts.existsByIdAndDeletedAtIsNull(id)
                        ? new PostAccessDeniedException("Post " + postId)
                        : PostNotFoundException.forPost(postId));
        if (post.state() != PostState.PUBLISHED || post.releaseId() == null) {
            return Optional.empty();
        }
        return Optional.of(statistics.post(post.integrationId(), post.releaseId(), days));
    }
}
