package io.herald.integrations;

/** A platform call that failed for good; its message is what the post's {@code error} will say. */
public class PlatformException extends RuntimeException {

    private final boolean outcomeUnknown;

    public PlatformException(String message) {
        this(message, false);
    }

    /**
     * @param outcomeUnknown whether the platform may have acted on the call (no answer in time, a
     *     connection lost after sending, a server error): a repeat may then publish twice
     */
    public PlatformException(String message, boolean outcomeUnknown) {
        super(message);
        this.outcomeUnknown = outcomeUnknown;
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
        this.outcomeUnknown = false;
    }

    /** Whether the platform may have acted on the call although it failed. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
