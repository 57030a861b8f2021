package io.herald.posts.domain;

/** A restore of a group that is not deleted. */
public class PostNotDeletedException extends RuntimeException {

    PostNotDeletedException(String what) {
        super(what + " is not deleted");
    }
}
