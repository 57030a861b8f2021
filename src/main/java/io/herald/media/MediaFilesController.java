package io.herald.media;

import io.herald.web.PublicUrl;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves uploaded files without an API key, so platforms and previews can fetch them: the random
 * 128-bit names are the only credential. Range requests work (video players use them). With
 * {@code herald.media.s3.delivery=presigned} the answer is a redirect to a pre-signed URL of the
 * bucket instead, valid for {@code herald.media.s3.presigned-expiry}.
 */
@RestController
class MediaFilesController {

    static final String PATH = PublicUrl.MEDIA_PATH;

    /** Stored files never change: their names are new for every upload. */
    private static final CacheControl IMMUTABLE =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final MediaStore store;

    private final MediaProperties properties;

    MediaFilesController(MediaStore store, MediaProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @GetMapping(PATH + "{name}")
    ResponseEntity<Resource> file(@PathVariable String name) {
        var found = found(name);
        return redirect(name).orElseGet(() -> headers(found.kind()).body(found.file()));
    }

    /** The headers of a GET without its body: never a read of the whole file only to drop it. */
    @RequestMapping(path = PATH + "{name}", method = RequestMethod.HEAD)
    ResponseEntity<Resource> head(@PathVariable String name) throws IOException {
        var found = found(name);
        var length = found.file().contentLength();
        return redirect(name)
                .orElseGet(() -> headers(found.kind())
                        .contentLength(length)
                        .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                        .build());
    }

    private Found found(String name) {
        var kind = MediaKind.ofStoredName(name);
        var file = kind.isEmpty() ? Optional.<Resource>empty() : store.find(name);
        if (file.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such media");
        }
        return new Found(kind.get(), file.get());
    }

    /**
     * A client may keep the redirect for half the URL's lifetime, so the URL it follows always has
     * the other half left.
     */
    private Optional<ResponseEntity<Resource>> redirect(String name) {
        return store.redirect(name)
                .map(url -> ResponseEntity.status(HttpStatus.FOUND)
                        .location(url)
                        .cacheControl(CacheControl.maxAge(
                                        properties.s3().presignedExpiry().dividedBy(2))
                                .cachePrivate())
                        .build());
    }

    private static ResponseEntity.BodyBuilder headers(MediaKind kind) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(kind.contentType()))
                .cacheControl(IMMUTABLE)
                .header("X-Content-Type-Options", "nosniff");
    }

    private record Found(MediaKind kind, Resource file) {}
}
