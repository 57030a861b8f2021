package io.herald.integrations;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How Herald talks to platforms.
 *
 * @param connectTimeout how long to wait for a connection (default 5s)
 * @param requestTimeout how long to wait for a platform's answer (default 30s)
 * @param retry retries of calls that may be repeated safely
 * @param image limits on fetching a post's images from their {@code path}
 * @param mediaProcessing waiting for a platform to process an uploaded image before it can be attached
 * @param maxAnswerSize the most of a platform's answer Herald reads (default 1MB); the rest of a
 *     longer one is never read, and the answer counts as one without a body (images have their own
 *     limit, {@code image.max-size})
 */
@Validated
@ConfigurationProperties("herald.platforms")
public record PlatformProperties(
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration requestTimeout,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Image image,
        @DefaultValue @Valid MediaProcessing mediaProcessing,
        @DefaultValue("1MB") @NotNull DataSize maxAnswerSize) {

    /**
     * @param attempts attempts in all, the first included (default 3)
     * @param backoff wait before the second attempt, doubled before each next one (default 1s)
     */
    public record Retry(
            @DefaultValue("3") @Min(1) int attempts,
            @DefaultValue("1s") @NotNull Duration backoff) {}

    /**
     * @param maxSize the largest image fetched (default 10MB)
     * @param timeout how long fetching one image may take (default 20s)
     * @param allowPrivateHosts whether images may come from loopback, private and link-local
     *     addresses too (default false: a client could otherwise make Herald read its own network;
     *     Herald's own uploads, under {@code herald.public-url}, are always allowed)
     */
    public record Image(
            @DefaultValue("10MB") @NotNull DataSize maxSize,
            @DefaultValue("20s") @NotNull Duration timeout,
            @DefaultValue("false") boolean allowPrivateHosts) {}

    /**
     * Some platforms (Mastodon) accept an upload at once and process it afterwards; a post can only
     * attach it once processing is done.
     *
     * @param pollInterval how long to wait between two checks (default 1s)
     * @param timeout how long processing one image may take before the post fails (default 60s)
     */
    public record MediaProcessing(
            @DefaultValue("1s") @NotNull Duration pollInterval,
            @DefaultValue("60s") @NotNull Duration timeout) {}
}
