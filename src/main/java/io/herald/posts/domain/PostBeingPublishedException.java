package io.herald.posts.domain;

import java.util.UUID;

/** A change refused because a publisher holds a post of the group right now. */
public class PostBeingPublishedException extends RuntimeException {

    public PostBeingPublishedException(UUID postId) {
        super("Post " + postId + " is being published");
    }
}
