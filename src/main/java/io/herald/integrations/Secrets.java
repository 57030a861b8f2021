package io.herald.integrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Seals secrets for the database with AES-256-GCM: a fresh random nonce per seal, and a context
 * (what the secret belongs to, e.g. an integration's id) bound in as associated data, so a sealed
 * value copied to another row does not open there. The key never reaches the database; only an
 * HMAC fingerprint of it does, and a node whose key differs from it refuses to start rather than
 * fail every publication later.
 */
@Component
@EnableConfigurationProperties(SecretsProperties.class)
class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    private static final byte VERSION = 1;

    private static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;

    private static final int KEY_BYTES = 32;

    private static final String FINGERPRINT_TEXT = "herald secrets key check, version 1";

    private final SecretKeySpec key;

    private final SecureRandom random = new SecureRandom();

    @Autowired
    Secrets(SecretsProperties properties, JdbcClient jdbc, Clock clock) {
        this(key(properties));
        checkAgainstDatabase(jdbc, clock);
    }

    Secrets(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("herald.secrets.key must be " + KEY_BYTES + " bytes, base64; it has "
                    + key.length + " (make one with: openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** {@code plaintext} sealed for {@code context}: version, nonce, then ciphertext and tag. */
    byte[] seal(String plaintext, String context) {
        var nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            var sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The plaintext of a value sealed for {@code context}; fails when it was sealed for another, or altered. */
    String open(byte[] sealed, String context) {
        if (sealed.length < 1 + NONCE_BYTES || sealed[0] != VERSION) {
            throw new IllegalStateException("A sealed secret of " + context + " is not in Herald's format");
        }
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            var plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "A sealed secret of " + context + " does not open with this key, or was altered");
        }
    }

    byte[] fingerprint() {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(FINGERPRINT_TEXT.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** The first node records its key's fingerprint; every later start must have the same key. */
    private void checkAgainstDatabase(JdbcClient jdbc, Clock clock) {
        var mine = fingerprint();
        jdbc.sql("insert into secrets_key (id, fingerprint, created_at) values (1, :fingerprint, :now)"
                        + " on conflict (id) do nothing")
                .param("fingerprint", mine)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        var recorded = jdbc.sql("select fingerprint from secrets_key where id = 1")
                .query(byte[].class)
                .single();
        if (!MessageDigest.isEqual(recorded, mine)) {
            throw new IllegalStateException("This node's secrets key (herald.secrets.key, HERALD_SECRETS_KEY, or the"
                    + " key file) is not the key the database's secrets were sealed with. Start it with the key the"
                    + " other nodes use; the stored tokens cannot be read without it.");
        }
    }

    /** The configured key; else the key file's, generated there first if there is none. */
    static byte[] key(SecretsProperties properties) {
        if (StringUtils.hasText(properties.key())) {
            return decode(properties.key(), "herald.secrets.key");
        }
        var file = properties.keyFile().toAbsolutePath();
        if (Files.isRegularFile(file)) {
            return decode(read(file), file.toString());
        }
        var generated = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(generated);
        if (!create(file, Base64.getEncoder().encodeToString(generated))) {
            return decode(read(file), file.toString()); // another process made it first
        }
        log.warn(
                "herald.secrets.key (HERALD_SECRETS_KEY) is not set: secrets are sealed with a key generated in {}."
                        + " Keep that file (back it up with the database); every node of a cluster needs the same key.",
                file);
        return generated;
    }

    private static byte[] decode(String value, String source) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    source + " must hold a base64 key of " + KEY_BYTES + " bytes (openssl rand -base64 32)");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secrets key file " + file, e);
        }
    }

    /** Writes the key readable by its owner only; false when the file appeared meanwhile. */
    private static boolean create(Path file, String key) {
        try {
            Files.createDirectories(file.getParent());
            var temporary = Files.createTempFile(file.getParent(), ".secrets-", ".key");
            try {
                if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(temporary, key + "\n", StandardCharsets.US_ASCII);
                Files.move(temporary, file);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the secrets key file " + file, e);
        }
    }
}
