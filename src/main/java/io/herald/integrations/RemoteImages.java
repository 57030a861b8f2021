package io.herald.integrations;

import io.herald.media.RemoteFileException;
import io.herald.media.RemoteFiles;
import org.springframework.stereotype.Component;

/** {@link RemoteFiles} as posts' images are fetched ({@link PlatformHttp#fetchImage}): the same checks and limits. */
@Component
class RemoteImages implements RemoteFiles {

    private final PlatformHttp http;

    RemoteImages(PlatformHttp http) {
        this.http = http;
    }

    @Override
    public RemoteFile fetch(String url) {
        try {
            var image = http.fetchImage(url);
            return new RemoteFile(image.bytes(), image.fileName());
        } catch (PlatformException e) {
            throw new RemoteFileException(e.getMessage());
        }
    }
}
