package io.herald.integrations;

import java.time.Instant;

/**
 * Thrown by a publisher when the platform did not take the post and asked to be called again later
 * (a rate limit that says when it resets): nothing was published, so the post waits for {@code until}.
 */
public class PublishDeferredException extends PlatformException {

    private final Instant until;

    public PublishDeferredException(String message, Instant until) {
        super(message);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
