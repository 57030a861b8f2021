package io.herald.media;

/** An upload whose bytes are none of the accepted kinds, whatever its name claims. */
class UnsupportedFileTypeException extends RuntimeException {

    UnsupportedFileTypeException(String originalName) {
        super("Upload '" + originalName + "' is not a jpeg, png, gif, webp or mp4 file");
    }
}
