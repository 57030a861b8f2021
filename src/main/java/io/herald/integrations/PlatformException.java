package io.herald.integrations;

/** A platform call that failed for good; its message is what the post's {@code error} will say. */
public class PlatformException extends RuntimeException {

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
