package io.herald.integrations.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TidTests {

    private static final String SYNTAX = "[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}";

    @Test
    void encodesMicrosecondsAndClockIdAsBase32Sortable() {
        // vectors from the AT Protocol TID specification and its reference codecs
        assertThat(Tid.of(0, 0)).isEqualTo("2222222222222");
        assertThat(Tid.of(1_724_171_495_793_000L, 512)).isEqualTo("3l25zusnsfck2");
        assertThat(Tid.of(1_724_171_495_793_000L, 816)).isEqualTo("3l25zusnsfctk");
    }

    @Test
    void refusesWhatDoesNotFitInATid() {
        assertThatIllegalArgumentException().isThrownBy(() -> Tid.of(1L << 53, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> Tid.of(0, 1024));
    }

    @Test
    void givesADeliveryTheSameKeyEveryTime() {
        var publishDate = Instant.parse("2030-05-01T09:00:00.123Z");
        var key = Tid.forDelivery("4f1c3a9e-0000-4000-8000-000000000001", publishDate);

        assertThat(key).matches(SYNTAX);
        assertThat(Tid.forDelivery("4f1c3a9e-0000-4000-8000-000000000001", publishDate))
                .isEqualTo(key);
    }

    @Test
    void placesTheKeyInTheSecondOfThePublishDate() {
        var publishDate = Instant.parse("2030-05-01T09:00:00.123Z");
        var key = Tid.forDelivery(UUID.randomUUID().toString(), publishDate);

        var micros = decode(key) >>> 10;
        assertThat(micros / 1_000_000).isEqualTo(publishDate.getEpochSecond());
    }

    @Test
    void givesThePostsOfOneGroupDifferentKeysThoughTheyShareAPublishDate() {
        var publishDate = Instant.parse("2030-05-01T09:00:00Z");
        var keys = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            // fixed ids, so that the test says the same on every run
            var deliveryId = UUID.nameUUIDFromBytes(("post " + i).getBytes(StandardCharsets.UTF_8));
            keys.add(Tid.forDelivery(deliveryId.toString(), publishDate));
        }
        assertThat(keys).hasSize(10_000);
    }

    private static long decode(String tid) {
        var alphabet = "234567abcdefghijklmnopqrstuvwxyz";
        long value = 0;
        for (var c : tid.toCharArray()) {
            value = value << 5 | alphabet.indexOf(c);
        }
        return value;
    }
}
