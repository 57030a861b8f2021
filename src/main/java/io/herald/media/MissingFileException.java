package io.herald.media;

/** An upload without a {@code file} part. */
class MissingFileException extends RuntimeException {

    MissingFileException() {
        super("No file part in the upload");
    }
}
