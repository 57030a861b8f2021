package io.herald.media;

import java.net.URI;
import java.util.Optional;
import org.springframework.core.io.InputStreamSource;
import org.springframework.core.io.Resource;

/**
 * Where uploaded files are kept ({@code herald.media.store}): the media directory, or an S3 bucket,
 * which the nodes of a cluster on several hosts share without a shared volume. A store only ever
 * sees the random names {@link MediaLibrary} gives out, never a client's file name. Every failure
 * of the storage itself is a {@link MediaStoreException}.
 */
interface MediaStore {

    /**
     * Stores {@code size} bytes of {@code content} as {@code name}; the file is visible only once
     * complete, so a half-stored one is never served. {@code content} opens a new stream from its
     * first byte on every call, so a failed attempt can be repeated. Answers the bytes stored.
     */
    long save(String name, MediaKind kind, InputStreamSource content, long size);

    /** The stored file, with its length, to read or serve; empty when none has this name. */
    Optional<Resource> find(String name);

    /** Removes the file; nothing happens when there is none. */
    void delete(String name);

    /**
     * Where clients fetch the file {@link #find found} under {@code name} instead of from Herald: a
     * pre-signed URL of the bucket when {@code herald.media.s3.delivery=presigned}; empty when Herald
     * serves its files itself.
     */
    default Optional<URI> redirect(String name) {
        return Optional.empty();
    }
}
