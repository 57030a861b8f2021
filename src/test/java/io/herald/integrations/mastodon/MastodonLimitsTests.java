package io.herald.integrations.mastodon;

import static io.herald.support.LimitItems.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.integrations.PlatformProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Mastodon's default instance limits: 500 characters (code points), 4 media attachments. */
class MastodonLimitsTests {

    private final MastodonPublisher mastodon = new MastodonPublisher(
            null,
            null,
            new PlatformProperties(
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30),
                    new PlatformProperties.Retry(3, Duration.ofSeconds(1)),
                    new PlatformProperties.Image(DataSize.ofMegabytes(10), Duration.ofSeconds(20), false),
                    new PlatformProperties.MediaProcessing(Duration.ofSeconds(1), Duration.ofSeconds(60)),
                    DataSize.ofMegabytes(1)));

    @Test
    void takesFiveHundredCharactersAndFourImages() {
        var limits = mastodon.limits();

        assertThat(limits.violation(item("😀".repeat(500), 4))).isEmpty();
        assertThat(limits.violation(item("a".repeat(501), 0)))
                .contains("The post is 501 characters long; at most 500 are allowed");
        assertThat(limits.violation(item("a", 5))).contains("The post has 5 images; at most 4 are allowed");
    }
}
