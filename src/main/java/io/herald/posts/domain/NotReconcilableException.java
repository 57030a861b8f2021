package io.herald.posts.domain;

/** The post did not fail as outcome unknown: there is nothing to find or record on its platform. */
public class NotReconcilableException extends RuntimeException {

    public NotReconcilableException(String postId) {
        super("Post " + postId + " did not fail as outcome unknown");
    }
}
