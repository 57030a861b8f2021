package io.herald.media;

/** An upload over the limit of its kind. */
class FileTooLargeException extends RuntimeException {

    FileTooLargeException(MediaKind kind, long size, long limit) {
        super("Upload of " + size + " bytes exceeds the " + kind.name().toLowerCase() + " limit of " + limit
                + " bytes");
    }
}
