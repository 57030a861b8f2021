package io.herald.integrations;

import java.time.Instant;

/** How a publication ended. */
public sealed interface PublishResult {

    /** The platform accepted the post. */
    record Published(Release release) implements PublishResult {}

    /**
     * The post did not go out, or nobody can tell: {@code error} says which, in words for the user.
     */
    record Failed(String error) implements PublishResult {}

    /**
     * The post certainly did not go out, and may be sent again at {@code until} (the platform's rate
     * limit resets then, or a token could not be refreshed for a passing reason): {@code reason} says why.
     */
    record Deferred(Instant until, String reason) implements PublishResult {}
}
