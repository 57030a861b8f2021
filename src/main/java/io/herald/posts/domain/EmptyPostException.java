package io.herald.posts.domain;

/** A change that would leave a post with neither text nor images: nothing to publish. */
public class EmptyPostException extends RuntimeException {

    EmptyPostException() {
        super("content must have text content or at least one image");
    }
}
