package io.herald.posts.domain;

/** A post or group that exists but belongs to another organization. */
public class PostAccessDeniedException extends RuntimeException {

    public PostAccessDeniedException(String what) {
        super(what + " belongs to another organization");
    }
}
