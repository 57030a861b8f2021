package io.herald.posts.domain;

import io.herald.posts.publishing.PostState;
import java.util.List;
import java.util.UUID;

/**
 * One post as {@code GET /posts/{id}} shows it: its list item, the items of its thread, the live
 * members of its group, what an edit or a delete would be allowed to do right now, and the group's
 * version.
 */
public record PostView(
        ListedPost post,
        List<ThreadItem> thread,
        List<Member> members,
        boolean editable,
        boolean deletable,
        long version) {

    /** A thread item (not the root), in thread order; images stay JSON text. */
    public record ThreadItem(
            UUID id,
            String content,
            String imageJson,
            double delayMinutes,
            PostState state,
            String releaseId,
            String releaseUrl,
            String error) {}

    /** A live post of the group. */
    public record Member(UUID id, UUID integrationId, PostState state) {}
}
