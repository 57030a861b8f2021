package io.herald.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.core.io.Resource;

/** The default store: files in the media directory, written to its spool folder first and moved into place. */
final class DirectoryMediaStore implements MediaStore {

    private final MediaDirectory directory;

    DirectoryMediaStore(MediaDirectory directory) {
        this.directory = directory;
    }

    @Override
    public long save(String name, MediaKind kind, InputStreamSource content, long size) {
        try {
            var spool = directory.newIncomingFile();
            try (var in = content.getInputStream()) {
                var copied = Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
                Files.move(spool, directory.file(name), StandardCopyOption.ATOMIC_MOVE);
                return copied;
            } finally {
                Files.deleteIfExists(spool);
            }
        } catch (IOException e) {
            throw new MediaStoreException("Cannot store " + name + " in " + directory.root(), e);
        }
    }

    @Override
    public Optional<Resource> find(String name) {
        var file = directory.file(name);
        return Files.isRegularFile(file) ? Optional.of(new FileSystemResource(file)) : Optional.empty();
    }

    @Override
    public void delete(String name) {
        try {
            Files.deleteIfExists(directory.file(name));
        } catch (IOException e) {
            throw new MediaStoreException("Cannot delete " + name + " from " + directory.root(), e);
        }
    }
}
