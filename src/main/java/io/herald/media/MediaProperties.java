package io.herald.media;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Uploaded media.
 *
 * @param directory where uploaded files are kept (env {@code HERALD_MEDIA_DIRECTORY}); relative to
 *     the working directory; default {@code ./data/media}. Uploads in progress are spooled to its
 *     {@code .incoming} folder, so the whole upload stays on one volume.
 * @param maxImageSize the largest image (jpeg, png, gif, webp) accepted; default 10MB
 * @param maxVideoSize the largest video (mp4) accepted; default 1GB
 * @param quota how many bytes of media one organization may keep in all (env
 *     {@code HERALD_MEDIA_QUOTA}); an upload that would go over it is refused; {@code 0} turns the
 *     quota off; default 10GB
 */
@Validated
@ConfigurationProperties("herald.media")
record MediaProperties(
        @DefaultValue("./data/media") @NotBlank String directory,
        @DefaultValue("10MB") @NotNull DataSize maxImageSize,
        @DefaultValue("1GB") @NotNull DataSize maxVideoSize,
        @DefaultValue("10GB") @NotNull DataSize quota) {

    long limitOf(MediaKind kind) {
        return (kind.video() ? maxVideoSize : maxImageSize).toBytes();
    }

    /** The largest file any kind may have: what the multipart parser lets through at all. */
    long largestFile() {
        return Math.max(maxImageSize.toBytes(), maxVideoSize.toBytes());
    }
}
