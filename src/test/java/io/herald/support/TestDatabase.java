package io.herald.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL for the whole test JVM, started on first use and shared by every Spring
 * context (as several Herald instances share one database in production). Set
 * {@code HERALD_TEST_DATABASE_URL} to run the tests against another server instead.
 */
public final class TestDatabase {

    private static String url;

    private TestDatabase() {}

    public static synchronized String url() {
        if (url == null) {
            var external = System.getenv("HERALD_TEST_DATABASE_URL");
            url = external != null && !external.isBlank() ? external : start();
        }
        return url;
    }

    private static String start() {
        try {
            var postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is going away; the data directory is temporary anyway
                }
            }));
            return postgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
