package io.herald.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Herald's own database is the one it started, or none: never another server's on the same port. */
class EmbeddedDatabaseStartupTests {

    @TempDir
    Path folder;

    @Test
    void refusesAPortAnotherPostgresHolds() throws Exception {
        try (var other = EmbeddedPostgres.builder()
                .setDataDirectory(folder.resolve("other"))
                .setCleanDataDirectory(false)
                .start()) {
            var ours = folder.resolve("ours");

            assertThatThrownBy(
                            () -> EmbeddedDatabaseStartup.start(new EmbeddedDatabaseProperties(ours, other.getPort())))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(
                            "Port " + other.getPort() + " is taken by another PostgreSQL (its data is in ")
                    .hasMessageContaining(folder.resolve("other").toString())
                    .hasMessageContaining("set herald.database.port to a free port, or 0 for any");
            try (var connection = other.getPostgresDatabase().getConnection();
                    var rows = connection.createStatement().executeQuery("select 1")) {
                assertThat(rows.next()).as("the other server still runs").isTrue();
            }
        }
    }

    @Test
    void startsOnAFreePortWithItsDataWhereConfigured() throws Exception {
        var data = folder.resolve("data");

        try (var postgres = EmbeddedDatabaseStartup.start(new EmbeddedDatabaseProperties(data, 0))) {
            try (var connection = postgres.getPostgresDatabase().getConnection();
                    var rows = connection.createStatement().executeQuery("show data_directory")) {
                rows.next();
                assertThat(Path.of(rows.getString(1))).isEqualTo(data.toAbsolutePath());
            }
            assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();
        }
    }
}
