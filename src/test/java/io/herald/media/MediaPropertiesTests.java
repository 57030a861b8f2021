package io.herald.media;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The S3 settings a server cannot start without, checked at start-up. */
class MediaPropertiesTests {

    @Test
    void theLocalStoreNeedsNoBucket() {
        assertThat(messages(settings(MediaProperties.Store.LOCAL, s3(null, null, null, Duration.ofHours(1)))))
                .isEmpty();
    }

    @Test
    void theS3StoreNeedsABucketAndBothKeysOrNone() {
        assertThat(messages(settings(MediaProperties.Store.S3, s3("media", null, null, Duration.ofHours(1)))))
                .isEmpty();
        assertThat(messages(settings(MediaProperties.Store.S3, s3("media", "key", "secret", Duration.ofHours(1)))))
                .isEmpty();
        assertThat(messages(settings(MediaProperties.Store.S3, s3(" ", null, null, Duration.ofHours(1)))))
                .containsExactly("herald.media.s3.bucket is required with herald.media.store=s3");
        assertThat(messages(settings(MediaProperties.Store.S3, s3("media", "key", "", Duration.ofHours(1)))))
                .containsExactly("herald.media.s3.secret-key must be given with herald.media.s3.access-key, or"
                        + " neither (AWS's default credentials)");
    }

    @Test
    void aPresignedUrlLastsAtMostSevenDays() {
        assertThat(messages(settings(MediaProperties.Store.S3, s3("media", null, null, Duration.ofDays(7)))))
                .isEmpty();
        assertThat(messages(settings(MediaProperties.Store.S3, s3("media", null, null, Duration.ofDays(8)))))
                .containsExactly("herald.media.s3.presigned-expiry must be between 1 second and 7 days");
    }

    @Test
    void theS3StoreTakesNoFileLargerThanOnePut() {
        var settings = new MediaProperties(
                MediaProperties.Store.S3,
                "./data/media",
                DataSize.ofMegabytes(10),
                DataSize.ofGigabytes(6),
                DataSize.ofGigabytes(10),
                s3("media", null, null, Duration.ofHours(1)));

        assertThat(messages(settings))
                .containsExactly("herald.media.max-image-size and max-video-size may be at most 5GB with"
                        + " herald.media.store=s3");
    }

    private static MediaProperties settings(MediaProperties.Store store, MediaProperties.S3 s3) {
        return new MediaProperties(
                store, "./data/media", DataSize.ofMegabytes(10), DataSize.ofGigabytes(1), DataSize.ofGigabytes(10), s3);
    }

    private static MediaProperties.S3 s3(String bucket, String accessKey, String secretKey, Duration expiry) {
        return new MediaProperties.S3(
                null,
                bucket,
                "us-east-1",
                accessKey,
                secretKey,
                true,
                "",
                MediaProperties.Delivery.HERALD,
                expiry,
                null);
    }

    private static List<String> messages(MediaProperties properties) {
        try (var validation = Validation.buildDefaultValidatorFactory()) {
            return validation.getValidator().validate(properties).stream()
                    .map(ConstraintViolation::getMessage)
                    .toList();
        }
    }
}
