package io.herald.integrations;

/** A tool's {@code data} lacks what the tool needs, or holds what it cannot take; nothing was asked of the platform. */
public class ToolDataException extends RuntimeException {

    public ToolDataException(String message) {
        super(message);
    }
}
