package io.herald.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.yaml.snakeyaml.Yaml;

/**
 * The containers profile's test database: the PostgreSQL image that {@code docker-compose.yml}
 * deploys, read from that file so the two cannot drift apart, in one container for the test JVM
 * (Testcontainers removes it when the JVM exits).
 */
public final class PostgresContainer implements TestDatabase.Server {

    @Override
    public String start() {
        var postgres = new PostgreSQLContainer(composeImage())
                .withDatabaseName("postgres")
                .withUsername("postgres")
                // The suite connects as postgres without a password, as to the embedded server.
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                // Dozens of test contexts and Herald nodes, each with its own pool, share this server
                // (the embedded one allows 300 too); fsync off as Testcontainers' default, for speed.
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
        postgres.start();
        return postgres.getJdbcUrl();
    }

    @SuppressWarnings("unchecked")
    private static String composeImage() {
        try (var reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            var services = (Map<String, Map<String, Object>>) compose.get("services");
            return (String) services.get("postgres").get("image");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
