package io.herald.posts.domain;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When and how posts go out.
 *
 * @param threads publications in flight at once on this node (default 16)
 * @param pollInterval how often a node looks for due posts nobody has taken: the safety net under
 *     the alarms (default 1s)
 * @param missedAfter how late a post may still go out, after Herald was down at its time; later it
 *     fails as missed (default 24h)
 * @param recoveryInterval how often a node looks for posts held by nodes that died, and for posts
 *     past the missed window (default 15s)
 * @param shutdownGrace how long a stopping node lets its publications in flight finish (default 30s)
 * @param stuckAfter how long a post may stay PUBLISHING, even on a live node, before it fails as
 *     outcome unknown; longer than any send with its retries and uploads can take (default 15m)
 */
@Validated
@ConfigurationProperties("herald.publishing")
public record PublishingProperties(
        @DefaultValue("16") @Min(1) int threads,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("24h") @NotNull Duration missedAfter,
        @DefaultValue("15s") @NotNull Duration recoveryInterval,
        @DefaultValue("30s") @NotNull Duration shutdownGrace,
        @DefaultValue("15m") @NotNull Duration stuckAfter) {}
