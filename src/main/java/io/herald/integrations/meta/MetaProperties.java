package io.herald.integrations.meta;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What Meta's three providers ({@code facebook}, {@code instagram}, {@code threads}) share: how long a
 * rate-limited post waits when Meta says nothing of when its limit lifts, and how Herald waits for
 * Instagram's and Threads' media containers to be processed before it publishes them.
 *
 * @param rateLimitWait how long a post waits after a rate-limit answer that carries no
 *     {@code estimated_time_to_regain_access} (default 10m; Meta counts its limits over a rolling
 *     hour and announces no reset for the app and user limits)
 * @param containerPollInterval how long between two looks at a container's status (default 5s)
 * @param containerTimeout how long a container may stay unfinished before the post fails, nothing
 *     published (default 5m: Meta asks to check for no longer than five minutes; a reel takes minutes)
 */
@Validated
@ConfigurationProperties("herald.providers.meta")
public record MetaProperties(
        @DefaultValue("10m") @NotNull Duration rateLimitWait,
        @DefaultValue("5s") @NotNull Duration containerPollInterval,
        @DefaultValue("5m") @NotNull Duration containerTimeout) {}
