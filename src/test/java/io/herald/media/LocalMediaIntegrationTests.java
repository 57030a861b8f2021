package io.herald.media;

import io.herald.support.PublicSurfaceTest;
import java.nio.file.Path;
import java.util.Set;

/** The media cases on the default store, the media directory. */
@PublicSurfaceTest
class LocalMediaIntegrationTests extends MediaIntegrationTests {

    private static final Path MEDIA = Path.of(PublicSurfaceTest.MEDIA_DIRECTORY);

    @Override
    Set<String> storedNames() {
        return files(MEDIA);
    }

    @Override
    Path spool() {
        return MEDIA.resolve(".incoming");
    }
}
