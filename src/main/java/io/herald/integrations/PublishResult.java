package io.herald.integrations;

/** How a publication ended. */
public sealed interface PublishResult {

    /** The platform accepted the post. */
    record Published(Release release) implements PublishResult {}

    /**
     * The post did not go out, or nobody can tell: {@code error} says which, in words for the user.
     */
    record Failed(String error) implements PublishResult {}
}
