package io.herald.media;

import io.herald.web.PublicUrl;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves uploaded files without an API key, so platforms and previews can fetch them: the random
 * 128-bit names are the only credential. Range requests work (video players use them).
 */
@RestController
class MediaFilesController {

    static final String PATH = PublicUrl.MEDIA_PATH;

    private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}\\.([a-z0-9]{3,4})");

    private final MediaDirectory directory;

    MediaFilesController(MediaDirectory directory) {
        this.directory = directory;
    }

    @GetMapping(PATH + "{name}")
    ResponseEntity<Resource> file(@PathVariable String name) {
        var matcher = NAME.matcher(name);
        var kind = matcher.matches() ? MediaKind.ofExtension(matcher.group(1)) : Optional.<MediaKind>empty();
        var file = directory.file(name);
        if (kind.isEmpty() || !Files.isRegularFile(file)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such media");
        }
        // Stored files never change: their names are new for every upload.
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(kind.get().contentType()))
                .cacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(file));
    }
}
