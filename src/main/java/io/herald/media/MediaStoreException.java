package io.herald.media;

/** The media store failed (a disk error, an S3 endpoint that is down or refuses Herald's credentials). */
class MediaStoreException extends RuntimeException {

    MediaStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
