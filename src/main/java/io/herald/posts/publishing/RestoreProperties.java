package io.herald.posts.publishing;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a delete can be undone (spec §10.4).
 *
 * @param restoreWindow how long after a delete its posts can be restored; {@code 0} turns restoring
 *     off. Past it the sweep removes the deleted rows' content for good (default 7d)
 * @param restoreSweepInterval how often a node removes the content of posts deleted longer ago than
 *     the window (default 1h)
 */
@Validated
@ConfigurationProperties("herald.posts")
public record RestoreProperties(
        @DefaultValue("7d") @NotNull Duration restoreWindow,
        @DefaultValue("1h") @NotNull Duration restoreSweepInterval) {

    /** Whether deletes can be undone at all. */
    public boolean restoring() {
        return !restoreWindow.isZero() && !restoreWindow.isNegative();
    }
}
