package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sealing secrets: AES-GCM, bound to what they belong to, and refusing anything altered. */
class SecretsTests {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Secrets secrets = new Secrets(KEY);

    @Test
    void opensWhatItSealedAndNothingOfThePlaintextShows() {
        var sealed = secrets.seal("{\"accessToken\":\"tok-123\"}", "integration 1");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("tok-123", "accessToken");
        assertThat(secrets.open(sealed, "integration 1")).isEqualTo("{\"accessToken\":\"tok-123\"}");
    }

    @Test
    void sealsTheSameTextDifferentlyEachTime() {
        assertThat(secrets.seal("same", "c")).isNotEqualTo(secrets.seal("same", "c"));
    }

    @Test
    void aSealedValueDoesNotOpenForAnotherContextOrWhenAlteredOrWithAnotherKey() {
        var sealed = secrets.seal("secret", "integration 1");

        assertThatThrownBy(() -> secrets.open(sealed, "integration 2"))
                .hasMessage("A sealed secret of integration 2 does not open with this key, or was altered");
        var altered = Arrays.copyOf(sealed, sealed.length);
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> secrets.open(altered, "integration 1"))
                .hasMessage("A sealed secret of integration 1 does not open with this key, or was altered");
        var other = new Secrets("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> other.open(sealed, "integration 1")).isInstanceOf(IllegalStateException.class);
        assertThat(other.fingerprint()).isNotEqualTo(secrets.fingerprint());
    }

    @Test
    void refusesAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> new Secrets(new byte[16]))
                .hasMessage("herald.secrets.key must be 32 bytes, base64; it has 16 (make one with: openssl rand"
                        + " -base64 32)");
    }
}
