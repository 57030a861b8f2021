package io.herald.posts.domain;

import io.herald.posts.publishing.PostState;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What {@code GET /posts} narrows the window to (spec §9.6): states (empty: any), one integration
 * (null: any; as the client wrote it), and a page of {@code limit} posts after {@code after} in list
 * order (null limit: the whole window).
 */
public record ListFilter(Set<PostState> states, String integration, Integer limit, After after) {

    public static final ListFilter NONE = new ListFilter(Set.of(), null, null, null);

    /** The last post of the previous page: the page holds the posts after it in list order. */
    public record After(Instant publishDate, UUID id) {}
}
