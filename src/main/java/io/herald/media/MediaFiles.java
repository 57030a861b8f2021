package io.herald.media;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Herald's stored uploads, for the modules that send them on: publication reads an image of its
 * own ({@code <herald.public-url>/media/<name>}) here, from wherever the store keeps it, rather than
 * over HTTP from itself (the public URL may not lead back to this node, and a pre-signed redirect
 * is not followed).
 */
public interface MediaFiles {

    /**
     * The stored file {@code name}, opened for reading; empty when Herald keeps none by that name.
     *
     * @throws IOException when the store cannot be read
     */
    Optional<MediaFile> open(String name) throws IOException;

    /** A stored file: its type (from its kind, as {@code /media/} serves it), its length and its bytes. */
    record MediaFile(String contentType, long size, InputStream content) implements Closeable {

        @Override
        public void close() throws IOException {
            content.close();
        }
    }
}
