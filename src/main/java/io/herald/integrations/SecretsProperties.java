package io.herald.integrations;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The key integration secrets are sealed with in the database.
 *
 * @param key the AES-256 key, base64 (32 bytes, e.g. {@code openssl rand -base64 32}); env
 *     {@code HERALD_SECRETS_KEY}. Every node of a cluster needs the same one.
 * @param keyFile where the key is kept when {@code key} is not set (default {@code ./data/secrets.key}):
 *     read if it exists, else generated there once, so restarts keep reading the tokens
 */
@Validated
@ConfigurationProperties("herald.secrets")
record SecretsProperties(
        String key,
        @DefaultValue("./data/secrets.key") @NotNull Path keyFile) {}
