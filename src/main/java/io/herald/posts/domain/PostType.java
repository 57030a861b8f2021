package io.herald.posts.domain;

/** The {@code type} of a create request. */
public enum PostType {
    DRAFT,
    SCHEDULE,
    NOW
}
