package io.herald.posts.domain;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When posts go out.
 *
 * @param missedAfter how late a post may still go out, after Herald was down at its time; later it fails as missed (default 24h)
 * @param recoveryInterval how often each node looks for posts held by nodes that died, and for due groups that lost their trigger (default 15s)
 * @param orphanGrace how overdue a queued post must be before the recovery sweep re-schedules its group (default 2m)
 * @param threads how many posts one node may be sending at once (Quartz's thread count; default 8)
 * @param shutdownGrace on shutdown (SIGTERM), how long running publications and requests may take to finish;
 *     a publication still running after it is left to the other nodes' recovery, which fails it as outcome
 *     unknown (default 30s)
 */
@Validated
@ConfigurationProperties("herald.publishing")
public record PublishingProperties(
        @DefaultValue("24h") @NotNull Duration missedAfter,
        @DefaultValue("15s") @NotNull Duration recoveryInterval,
        @DefaultValue("2m") @NotNull Duration orphanGrace,
        @DefaultValue("8") @Min(1) int threads,
        @DefaultValue("30s") @NotNull Duration shutdownGrace) {}
