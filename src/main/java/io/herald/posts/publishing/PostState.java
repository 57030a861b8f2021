package io.herald.posts.publishing;

/**
 * Where a post is in its life. The API shows two words for it: {@code state}, Postiz's enum, and
 * {@code status}, the lowercase word of the Postiz documentation's examples.
 */
public enum PostState {
    DRAFT("DRAFT", "draft"),
    QUEUE("QUEUE", "scheduled"),
    PUBLISHING("QUEUE", "publishing"),
    PUBLISHED("PUBLISHED", "published"),
    ERROR("ERROR", "failed");

    private final String state;

    private final String status;

    PostState(String state, String status) {
        this.state = state;
        this.status = status;
    }

    public String state() {
        return state;
    }

    public String status() {
        return status;
    }
}
