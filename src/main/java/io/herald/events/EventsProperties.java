package io.herald.events;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit trail and change feed.
 *
 * @param retention how long events are kept (the feed and a deleted group's history reach this far
 *     back); older ones are pruned (default 30d)
 * @param sequenceInterval how often a node numbers committed events for the feed; a feed read
 *     numbers them too, so this only bounds how stale the numbering gets between reads (default 1s)
 * @param pruneInterval how often a node prunes events past the retention (default 1h)
 */
@Validated
@ConfigurationProperties("herald.events")
record EventsProperties(
        @DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("1s") @NotNull Duration sequenceInterval,
        @DefaultValue("1h") @NotNull Duration pruneInterval) {}
