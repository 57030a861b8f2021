package io.herald.posts.domain;

/** An unknown, malformed or deleted post or group id. */
public class PostNotFoundException extends RuntimeException {

    private final boolean group;

    private PostNotFoundException(String message, boolean group) {
        super(message);
        this.group = group;
    }

    public static PostNotFoundException forPost(String id) {
        return new PostNotFoundException("Post " + id + " not found", false);
    }

    public static PostNotFoundException forGroup(String id) {
        return new PostNotFoundException("Group " + id + " not found", true);
    }

    public boolean isGroup() {
        return group;
    }
}
