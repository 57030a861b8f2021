package io.herald.integrations;

/** The account has no post by the release id given: it is not this channel's release. */
public class UnknownReleaseException extends RuntimeException {

    public UnknownReleaseException(String message) {
        super(message);
    }
}
