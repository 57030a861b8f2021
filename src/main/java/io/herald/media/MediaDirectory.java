package io.herald.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The media directory: stored files at its top level, uploads in progress in {@code .incoming}
 * (the same volume, so a finished file is moved into place atomically and a half-written one is
 * never served). Spool files a crashed server left behind are removed at start-up once they are a
 * day old (younger ones may be another instance's uploads in progress on a shared volume). With
 * the S3 store only the spool folder is used: Tomcat writes each upload there before it is sent.
 */
final class MediaDirectory {

    private static final Duration ABANDONED = Duration.ofDays(1);

    private final Path root;

    private final Path incoming;

    MediaDirectory(String directory) {
        this.root = Path.of(directory).toAbsolutePath().normalize();
        this.incoming = root.resolve(".incoming");
        try {
            Files.createDirectories(incoming);
            removeAbandonedSpoolFiles(Instant.now().minus(ABANDONED));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the media directory " + root, e);
        }
    }

    private void removeAbandonedSpoolFiles(Instant before) throws IOException {
        try (var files = Files.list(incoming)) {
            for (var file : files.toList()) {
                if (Files.isRegularFile(file)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    Path root() {
        return root;
    }

    Path incoming() {
        return incoming;
    }

    /** A stored file by its name; the caller has checked that the name is one Herald gives out. */
    Path file(String name) {
        return root.resolve(name);
    }

    Path newIncomingFile() throws IOException {
        return Files.createTempFile(incoming, "upload-", ".part");
    }
}
