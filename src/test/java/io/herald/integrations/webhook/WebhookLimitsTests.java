package io.herald.integrations.webhook;

import static io.herald.support.LimitItems.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A webhook takes what a receiver can reasonably handle: 100,000 characters, 20 images. */
class WebhookLimitsTests {

    private final WebhookPublisher webhook = new WebhookPublisher(null, null, Clock.systemUTC());

    @Test
    void takesAHundredThousandCharactersAndTwentyImages() {
        var limits = webhook.limits();

        assertThat(limits.violation(item("a".repeat(100_000), 20))).isEmpty();
        assertThat(limits.violation(item("a".repeat(100_001), 0)))
                .contains("The post is 100001 characters long; at most 100000 are allowed");
        assertThat(limits.violation(item("a", 21))).contains("The post has 21 images; at most 20 are allowed");
    }
}
