package io.herald.media;

import io.herald.kernel.Ids;
import io.herald.kernel.StorableText;
import io.herald.web.PublicUrl;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * Stores uploads: the type comes from the bytes, the file is streamed to the store under a random
 * name and then recorded. A refused or failed upload leaves neither a file nor a row. Reads them
 * back for publication ({@link MediaFiles}).
 */
@Service
class MediaLibrary implements MediaFiles {

    private static final int MAX_ORIGINAL_NAME = 255;

    private static final SecureRandom random = new SecureRandom();

    private final MediaStore store;

    private final MediaRepository repository;

    private final MediaProperties properties;

    private final PublicUrl publicUrl;

    private final Clock clock;

    MediaLibrary(
            MediaStore store,
            MediaRepository repository,
            MediaProperties properties,
            PublicUrl publicUrl,
            Clock clock) {
        this.store = store;
        this.repository = repository;
        this.properties = properties;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /**
     * Not one transaction on purpose: storing a video takes long and needs no database. The row is
     * written last, in a single statement; if that fails the file is removed again.
     */
    StoredMedia store(UUID organizationId, MultipartFile file) throws IOException {
        if (file == null) {
            throw new MissingFileException();
        }
        var originalName = originalName(file.getOriginalFilename());
        byte[] head;
        try (var in = file.getInputStream()) {
            head = in.readNBytes(MediaKind.HEAD_LENGTH);
        }
        // the spooled part, which opens anew from its first byte each time the store asks
        return save(organizationId, originalName, head, file, file.getSize());
    }

    /** Stores a file fetched from a URL ({@link RemoteFiles}), as an upload of it would be. */
    StoredMedia store(UUID organizationId, RemoteFiles.RemoteFile file) {
        var bytes = file.bytes();
        var head = Arrays.copyOf(bytes, Math.min(bytes.length, MediaKind.HEAD_LENGTH));
        return save(organizationId, originalName(file.fileName()), head, new ByteArrayResource(bytes), bytes.length);
    }

    /** Checks the file's kind (from its first bytes), its size and the quota, then stores and records it. */
    private StoredMedia save(
            UUID organizationId, String originalName, byte[] head, InputStreamSource content, long length) {
        var kind = MediaKind.detect(head).orElseThrow(() -> new UnsupportedFileTypeException(originalName));
        var limit = properties.limitOf(kind);
        if (length > limit) {
            throw new FileTooLargeException(kind, length, limit);
        }
        requireRoom(organizationId, length);
        var name = HexFormat.of().formatHex(randomBytes()) + "." + kind.extension();
        var media = new StoredMedia(Ids.next(), name, originalName, publicUrl.of(MediaFilesController.PATH + name));
        long size;
        try {
            size = store.save(name, kind, content, length);
        } catch (MediaStoreException e) {
            // a PUT whose answer was lost may have stored the object all the same
            removeQuietly(name, e);
            throw e;
        }
        try {
            repository.insert(media, organizationId, kind.contentType(), size, clock.instant());
        } catch (RuntimeException e) {
            removeQuietly(name, e);
            throw e;
        }
        return media;
    }

    @Override
    public Optional<MediaFile> open(String name) throws IOException {
        var kind = MediaKind.ofStoredName(name);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        try {
            var file = store.find(name);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new MediaFile(
                    kind.get().contentType(),
                    file.get().contentLength(),
                    file.get().getInputStream()));
        } catch (MediaStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void removeQuietly(String name, RuntimeException failure) {
        try {
            store.delete(name);
        } catch (MediaStoreException e) {
            failure.addSuppressed(e);
        }
    }
    /**
     * Refuses an upload that would take the organization over its quota. Uploads that run at the
     * same moment are each checked against what is stored already, so together they may pass the
     * quota by their own sizes; the hourly upload limit bounds that.
     */
    private void requireRoom(UUID organizationId, long size) {
        var quota = properties.quota().toBytes();
        if (quota > 0 && repository.usedBytes(organizationId) + size > quota) {
            throw new QuotaExceededException(quota);
        }
    }

    /**
     * The client's file name without any directory part it may carry, cut to its first 255
     * characters (never inside a surrogate pair); one the database cannot store is refused.
     */
    private static String originalName(String submitted) {
        if (submitted == null) {
            return "";
        }
        if (!StorableText.isStorable(submitted)) {
            throw new InvalidFileNameException();
        }
        var name = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        if (name.length() <= MAX_ORIGINAL_NAME) {
            return name;
        }
        var end = Character.isHighSurrogate(name.charAt(MAX_ORIGINAL_NAME - 1))
                ? MAX_ORIGINAL_NAME - 1
                : MAX_ORIGINAL_NAME;
        return name.substring(0, end);
    }

    private static byte[] randomBytes() {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
