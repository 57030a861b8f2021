package io.herald.posts.domain;

/** The {@code type} of a create request. */
public enum PostType {
    DRAFT,
    SCHEDULE,
    NOW,
    /** An edit that keeps each post's state (Postiz's {@code update}); a create takes it as {@link #SCHEDULE}. */
    UPDATE
}
