package io.herald.media;

import io.herald.organizations.CallerOrganization;
import io.herald.web.PublicApi;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Postiz's {@code POST /public/v1/upload}: one multipart {@code file}; its {@code path} goes into posts. */
@RestController
class PublicUploadController {

    private final MediaLibrary library;

    PublicUploadController(MediaLibrary library) {
        this.library = library;
    }

    @PostMapping(PublicApi.PATH + "/upload")
    @ResponseStatus(HttpStatus.CREATED)
    Uploaded upload(CallerOrganization caller, @RequestParam(name = "file", required = false) MultipartFile file)
            throws IOException {
        var media = library.store(caller.id(), file);
        return new Uploaded(media.id(), media.name(), media.originalName(), media.path(), null, null);
    }

    /** Postiz's media row as its upload answers it; Herald makes no thumbnails and takes no alt text here. */
    record Uploaded(UUID id, String name, String originalName, String path, String thumbnail, String alt) {}
}
