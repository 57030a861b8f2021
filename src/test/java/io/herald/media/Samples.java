package io.herald.media;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Real (or header-true) files of each kind, and impostors. */
final class Samples {

    private Samples() {}

    static byte[] png() {
        return image("png", BufferedImage.TYPE_INT_ARGB);
    }

    static byte[] jpeg() {
        return image("jpeg", BufferedImage.TYPE_INT_RGB);
    }

    static byte[] gif() {
        return image("gif", BufferedImage.TYPE_INT_RGB);
    }

    /** A RIFF container of type WEBP with a VP8L chunk header: what every WebP starts with. */
    static byte[] webp() {
        var bytes = new byte[64];
        put(bytes, 0, "RIFF");
        bytes[4] = 56;
        put(bytes, 8, "WEBPVP8L");
        return bytes;
    }

    /** An ISO media file with an {@code ftyp} box of the given major brand, then {@code size} bytes in all. */
    static byte[] isoMedia(String brand, int size) {
        var bytes = new byte[Math.max(size, 64)];
        bytes[3] = 0x18;
        put(bytes, 4, "ftyp");
        put(bytes, 8, brand);
        put(bytes, 16, "isommp41");
        bytes[27] = 8;
        put(bytes, 28, "mdat");
        return bytes;
    }

    static byte[] mp4() {
        return isoMedia("isom", 256);
    }

    /** A PNG signature followed by {@code size} bytes in all: detected as PNG, of any size. */
    static byte[] pngOfSize(int size) {
        var bytes = Arrays.copyOf(png(), size);
        return bytes;
    }

    static byte[] text() {
        return "just some text, not an image\n".getBytes(StandardCharsets.UTF_8);
    }

    private static void put(byte[] bytes, int offset, String ascii) {
        var value = ascii.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(value, 0, bytes, offset, value.length);
    }

    private static byte[] image(String format, int type) {
        var image = new BufferedImage(4, 3, type);
        var graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, 4, 3);
        graphics.dispose();
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
