package io.herald.media;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Uploaded media.
 *
 * @param store where uploaded files are kept (env {@code HERALD_MEDIA_STORE}): {@code local}, the
 *     {@code directory} (default), or {@code s3}, a bucket ({@code herald.media.s3.*})
 * @param directory where uploaded files are kept (env {@code HERALD_MEDIA_DIRECTORY}); relative to
 *     the working directory; default {@code ./data/media}. Uploads in progress are spooled to its
 *     {@code .incoming} folder, so the whole upload stays on one volume. With the {@code s3} store
 *     it holds only that spool folder, which each node keeps to itself.
 * @param maxImageSize the largest image (jpeg, png, gif, webp) accepted; default 10MB
 * @param maxVideoSize the largest video (mp4) accepted; default 1GB
 * @param quota how many bytes of media one organization may keep in all (env
 *     {@code HERALD_MEDIA_QUOTA}); an upload that would go over it is refused; {@code 0} turns the
 *     quota off; default 10GB
 * @param s3 the bucket of the {@code s3} store
 */
@Validated
@ConfigurationProperties("herald.media")
record MediaProperties(
        @DefaultValue("local") @NotNull Store store,
        @DefaultValue("./data/media") @NotBlank String directory,
        @DefaultValue("10MB") @NotNull DataSize maxImageSize,
        @DefaultValue("1GB") @NotNull DataSize maxVideoSize,
        @DefaultValue("10GB") @NotNull DataSize quota,
        @DefaultValue @Valid S3 s3) {

    /** S3 takes at most 5 GiB in one PUT, which is how Herald stores a file. */
    static final DataSize LARGEST_S3_FILE = DataSize.ofGigabytes(5);

    enum Store {
        LOCAL,
        S3
    }

    /** How files of the {@code s3} store reach clients. */
    enum Delivery {
        /** Herald streams them from the bucket at their {@code /media/} URL (Range requests too). */
        HERALD,
        /** Their {@code /media/} URL redirects (302) to a pre-signed URL of the bucket. */
        PRESIGNED
    }

    /**
     * An S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, S3Proxy, ...). The bucket must exist.
     *
     * @param endpoint the S3 API's URL ({@code http://minio:9000}, {@code
     *     https://<account>.r2.cloudflarestorage.com}); empty for AWS itself, which {@code region}
     *     then names
     * @param bucket the bucket; required with the {@code s3} store
     * @param region the bucket's region (default {@code us-east-1}; R2 takes {@code auto})
     * @param accessKey the access key id (env {@code HERALD_MEDIA_S3_ACCESS_KEY}); empty: AWS's default
     *     credentials chain ({@code AWS_ACCESS_KEY_ID}, profiles, the instance's or container's role)
     * @param secretKey its secret (env {@code HERALD_MEDIA_S3_SECRET_KEY}); given with the access key
     * @param pathStyle {@code http://endpoint/bucket/key} rather than {@code http://bucket.endpoint/key}
     *     (default true, what MinIO, R2 and S3Proxy expect; AWS takes both)
     * @param prefix put before every object's key (say {@code herald/}), so a bucket can hold more
     *     than Herald's files; default none
     * @param delivery {@code herald} (default) or {@code presigned}, see {@link Delivery}
     * @param presignedExpiry how long a pre-signed URL works (default 1h; at most 7 days, S3's bound)
     * @param publicEndpoint the endpoint pre-signed URLs name, when clients reach the store at another
     *     address than Herald does (default: {@code endpoint})
     */
    record S3(
            String endpoint,
            String bucket,
            @DefaultValue("us-east-1") @NotBlank String region,
            String accessKey,
            String secretKey,
            @DefaultValue("true") boolean pathStyle,
            @DefaultValue("") String prefix,
            @DefaultValue("herald") @NotNull Delivery delivery,
            @DefaultValue("1h") @NotNull Duration presignedExpiry,
            String publicEndpoint) {

        @AssertTrue(
                message = "herald.media.s3.secret-key must be given with herald.media.s3.access-key, or neither"
                        + " (AWS's default credentials)")
        boolean isSecretKeyGivenWithTheAccessKey() {
            return isBlank(accessKey) == isBlank(secretKey);
        }

        @AssertTrue(message = "herald.media.s3.presigned-expiry must be between 1 second and 7 days")
        boolean isPresignedExpiryWithinS3Bounds() {
            return presignedExpiry == null
                    || (presignedExpiry.compareTo(Duration.ofSeconds(1)) >= 0
                            && presignedExpiry.compareTo(Duration.ofDays(7)) <= 0);
        }
    }

    @AssertTrue(message = "herald.media.s3.bucket is required with herald.media.store=s3")
    boolean isBucketGivenForS3() {
        return store != Store.S3 || !isBlank(s3.bucket());
    }

    @AssertTrue(
            message = "herald.media.max-image-size and max-video-size may be at most 5GB with herald.media.store=s3")
    boolean isEveryLimitWithinOneS3Upload() {
        return store != Store.S3
                || maxImageSize == null
                || maxVideoSize == null
                || largestFile() <= LARGEST_S3_FILE.toBytes();
    }

    long limitOf(MediaKind kind) {
        return (kind.video() ? maxVideoSize : maxImageSize).toBytes();
    }

    /** The largest file any kind may have: what the multipart parser lets through at all. */
    long largestFile() {
        return Math.max(maxImageSize.toBytes(), maxVideoSize.toBytes());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
