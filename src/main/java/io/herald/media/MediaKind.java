package io.herald.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The file types the upload accepts, recognised by their first bytes (magic numbers), never by the
 * client's file name or declared content type: the Node SDK names every file by its bare extension
 * ({@code png}) and the CLI declares {@code application/octet-stream} for names it does not know.
 */
enum MediaKind {
    JPEG("jpg", "image/jpeg", false),
    PNG("png", "image/png", false),
    GIF("gif", "image/gif", false),
    WEBP("webp", "image/webp", false),
    MP4("mp4", "video/mp4", true);

    /** Enough leading bytes to tell every kind apart. */
    static final int HEAD_LENGTH = 16;

    /** A name Herald gives a stored file: 128 random bits in hex and its kind's extension. */
    private static final Pattern STORED_NAME = Pattern.compile("[0-9a-f]{32}\\.([a-z0-9]{3,4})");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /**
     * Major brands of an ISO base media file ({@code ftyp} box) that are MP4 video. QuickTime
     * ({@code qt  }), audio-only ({@code M4A }) and image containers (HEIC, AVIF) share the box
     * layout and are left out on purpose.
     */
    private static final Set<String> MP4_BRANDS = Set.of(
            "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VH", "M4VP", "dash",
            "mmp4", "MSNV");

    private final String extension;

    private final String contentType;

    private final boolean video;

    MediaKind(String extension, String contentType, boolean video) {
        this.extension = extension;
        this.contentType = contentType;
        this.video = video;
    }

    String extension() {
        return extension;
    }

    String contentType() {
        return contentType;
    }

    boolean video() {
        return video;
    }

    /** The kind of a file that starts with {@code head}; empty when it is none Herald accepts. */
    static Optional<MediaKind> detect(byte[] head) {
        if (startsWith(head, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        if (startsWith(head, 4, ascii("ftyp")) && head.length >= 12) {
            var brand = new String(Arrays.copyOfRange(head, 8, 12), StandardCharsets.ISO_8859_1);
            if (MP4_BRANDS.contains(brand)) {
                return Optional.of(MP4);
            }
        }
        return Optional.empty();
    }

    /** The kind a stored file's name stands for. */
    static Optional<MediaKind> ofExtension(String extension) {
        return Arrays.stream(values())
                .filter(kind -> kind.extension.equals(extension))
                .findFirst();
    }

    /** The kind of the stored file {@code name}; empty when the name is none Herald gives out. */
    static Optional<MediaKind> ofStoredName(String name) {
        var matcher = STORED_NAME.matcher(name);
        return matcher.matches() ? ofExtension(matcher.group(1)) : Optional.empty();
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        return Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
