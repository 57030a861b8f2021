package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void withoutAConfiguredKeyGeneratesOneInTheKeyFileOnceAndReadsItAfterwards(@TempDir Path directory)
            throws Exception {
        var file = directory.resolve("keys/secrets.key");

        var generated = Secrets.key(new SecretsProperties(null, file));

        assertThat(generated).hasSize(32);
        assertThat(Files.readString(file).trim()).isEqualTo(Base64.getEncoder().encodeToString(generated));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Secrets.key(new SecretsProperties("", file))).isEqualTo(generated);
        var configured = Base64.getEncoder().encodeToString(KEY);
        assertThat(Secrets.key(new SecretsProperties(configured, file))).isEqualTo(KEY);
        assertThatThrownBy(() -> Secrets.key(new SecretsProperties("not base64!", file)))
                .hasMessage("herald.secrets.key must hold a base64 key of 32 bytes (openssl rand -base64 32)");
    }

    @Test
    void refusesAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> new Secrets(new byte[16]))
                .hasMessage("herald.secrets.key must be 32 bytes, base64; it has 16 (make one with: openssl rand"
                        + " -base64 32)");
    }
}
