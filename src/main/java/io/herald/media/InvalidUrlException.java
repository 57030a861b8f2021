package io.herald.media;

/** {@code upload-from-url} without a {@code url} string. */
class InvalidUrlException extends RuntimeException {

    InvalidUrlException() {
        super("The body has no url");
    }
}
