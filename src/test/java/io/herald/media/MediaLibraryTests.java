package io.herald.media;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

class MediaLibraryTests {

    /** Before anything is read or written: the library needs none of its collaborators to refuse it. */
    @Test
    void refusesAFileNameTheDatabaseCannotStore() {
        var library = new MediaLibrary(null, null, null, null, null);

        for (var name : new String[] {"a\u0000b.png", "\ud800.png"}) {
            assertThatExceptionOfType(InvalidFileNameException.class)
                    .isThrownBy(() -> library.store(
                            UUID.randomUUID(), new MockMultipartFile("file", name, "image/png", Samples.png())))
                    .withMessage("File name must not contain NUL or unpaired surrogate characters");
        }
    }
}
