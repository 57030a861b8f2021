package io.herald.database;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the database files live; kept across restarts (default {@code ./data/postgres})
 * @param port the port it listens on, on loopback; 0 picks a free one (default 0)
 */
@Validated
@ConfigurationProperties("herald.database")
record EmbeddedDatabaseProperties(
        @DefaultValue("./data/postgres") @NotNull Path dataDir,
        @DefaultValue("0") @Min(0) @Max(65535) int port) {}
