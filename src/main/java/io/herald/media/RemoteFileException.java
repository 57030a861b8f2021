package io.herald.media;

/** A URL Herald does not fetch from (not http(s), a private address), or a file it could not fetch; the message says which. */
public class RemoteFileException extends RuntimeException {

    public RemoteFileException(String message) {
        super(message);
    }
}
