package io.herald.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ServiceLoader;

/**
 * One real PostgreSQL for the whole test JVM, started on first use and shared by every Spring
 * context and every Herald node of the tests (as several Herald instances share one database in
 * production). It is, in this order: the server {@code HERALD_TEST_DATABASE_URL} names; the one a
 * {@link Server} on the test classpath starts (the {@code containers} profile's {@code postgres:17}
 * container); an embedded PostgreSQL 17. User {@code postgres}, no password.
 *
 * <p>This is the one place that knows where the database is: Spring contexts get the URL through
 * {@link TestDatabaseEnvironment}, and Herald processes and plain JDBC clients ask here. (Spring
 * Boot's {@code @ServiceConnection} would reach only the contexts that the test framework builds.)
 */
public final class TestDatabase {

    private static String url;

    private TestDatabase() {}

    /** Starts a PostgreSQL for the tests and answers its JDBC URL. Found with {@link ServiceLoader}. */
    public interface Server {

        String start();
    }

    public static synchronized String url() {
        if (url == null) {
            var external = System.getenv("HERALD_TEST_DATABASE_URL");
            if (external != null && !external.isBlank()) {
                url = external;
            } else {
                var server = ServiceLoader.load(Server.class).findFirst();
                url = server.isPresent() ? server.get().start() : startEmbedded();
            }
        }
        return url;
    }

    private static String startEmbedded() {
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
