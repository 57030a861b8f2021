package io.herald.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MediaKindTests {

    @Test
    void recognisesEachKindByItsFirstBytes() {
        assertThat(detect(Samples.jpeg())).hasValue(MediaKind.JPEG);
        assertThat(detect(Samples.png())).hasValue(MediaKind.PNG);
        assertThat(detect(Samples.gif())).hasValue(MediaKind.GIF);
        assertThat(detect(Samples.webp())).hasValue(MediaKind.WEBP);
        assertThat(detect(Samples.isoMedia("isom", 64))).hasValue(MediaKind.MP4);
        assertThat(detect(Samples.isoMedia("M4V ", 64))).hasValue(MediaKind.MP4);
    }

    @Test
    void refusesLookAlikesAndTruncatedHeads() {
        assertThat(detect(Samples.isoMedia("qt  ", 64))).isEmpty();
        assertThat(detect(Samples.isoMedia("M4A ", 64))).isEmpty();
        assertThat(detect(Samples.isoMedia("avif", 64))).isEmpty();
        assertThat(detect("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
        assertThat(detect("GIF90a".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(detect(Arrays.copyOf(Samples.png(), 7))).isEmpty();
        assertThat(detect(Arrays.copyOf(Samples.mp4(), 10))).isEmpty();
        assertThat(detect(new byte[0])).isEmpty();
    }

    private static java.util.Optional<MediaKind> detect(byte[] content) {
        return MediaKind.detect(Arrays.copyOf(content, Math.min(content.length, MediaKind.HEAD_LENGTH)));
    }
}
