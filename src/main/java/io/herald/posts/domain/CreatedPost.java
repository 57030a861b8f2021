package io.herald.posts.domain;

import java.util.UUID;

/** The root post created for one entry of a create request. */
public record CreatedPost(UUID postId, UUID integration, UUID group) {}
