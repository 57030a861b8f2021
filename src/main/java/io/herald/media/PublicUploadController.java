package io.herald.media;

import io.herald.organizations.CallerOrganization;
import io.herald.web.PublicApi;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/** Postiz's {@code POST /public/v1/upload} (one multipart {@code file}) and {@code upload-from-url}; the answer's {@code path} goes into posts. */
@RestController
class PublicUploadController {

    private final MediaLibrary library;

    private final RemoteFiles remote;

    private final JsonMapper json;

    PublicUploadController(MediaLibrary library, RemoteFiles remote, JsonMapper json) {
        this.library = library;
        this.remote = remote;
        this.json = json;
    }

    @PostMapping(PublicApi.PATH + "/upload")
    @ResponseStatus(HttpStatus.CREATED)
    Uploaded upload(CallerOrganization caller, @RequestParam(name = "file", required = false) MultipartFile file)
            throws IOException {
        var media = library.store(caller.id(), file);
        return new Uploaded(media.id(), media.name(), media.originalName(), media.path(), null, null);
    }

    /**
     * Postiz's {@code POST /public/v1/upload-from-url} {@code {"url"}}: the file at the URL, fetched
     * as posts' images are ({@link RemoteFiles}), then stored as an upload of it would be. The body is
     * read whatever its declared content type.
     */
    @PostMapping(PublicApi.PATH + "/upload-from-url")
    @ResponseStatus(HttpStatus.CREATED)
    Uploaded uploadFromUrl(CallerOrganization caller, InputStream body) {
        var request = json.readTree(body);
        var url = request == null ? null : request.path("url");
        if (url == null || !url.isString() || url.asString().isBlank()) {
            throw new InvalidUrlException();
        }
        var media = library.store(caller.id(), remote.fetch(url.asString()));
        return new Uploaded(media.id(), media.name(), media.originalName(), media.path(), null, null);
    }

    /** Postiz's media row as its upload answers it; Herald makes no thumbnails and takes no alt text here. */
    record Uploaded(UUID id, String name, String originalName, String path, String thumbnail, String alt) {}
}
