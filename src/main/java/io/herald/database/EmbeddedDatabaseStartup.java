package io.herald.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.StringUtils;

/**
 * Starts Herald's embedded PostgreSQL as soon as the application's settings are known, on a thread
 * of its own, so that the database starts while Spring builds the rest of the application (about a
 * second of a start on two cores). Nothing starts when {@code spring.datasource.url} is set.
 * Registered in {@code META-INF/spring.factories}; {@link EmbeddedDatabaseConfiguration} waits for it.
 */
class EmbeddedDatabaseStartup implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseStartup.class);

    private CompletableFuture<EmbeddedPostgres> started;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        var properties = Binder.get(environment).bindOrCreate("herald.database", EmbeddedDatabaseProperties.class);
        started = CompletableFuture.supplyAsync(
                () -> start(properties), task -> new Thread(task, "embedded-postgres-start").start());
        var beans = context.getBeanFactory();
        beans.registerSingleton("embeddedDatabaseStartup", this);
        // Registered before any other bean exists, so destroyed after all of them: the database stops
        // once the publisher has drained and recorded what it sent, and the connection pool is closed.
        if (beans instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean("embeddedDatabaseStop", this::stop);
        }
    }

    /** Stops the database once it has started; a start that failed left nothing to stop. */
    private void stop() throws IOException {
        var postgres = started.exceptionally(failure -> null).join();
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The started database; a failure to start is thrown as it happened. */
    EmbeddedPostgres await() throws IOException {
        try {
            return started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException failure) {
                throw failure.getCause();
            }
            throw e;
        }
    }

    static EmbeddedPostgres start(EmbeddedDatabaseProperties properties) {
        var dataDirectory = properties.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dataDirectory);
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(properties.port())
                    // zonky's defaults suit tests; a server's commits must survive a power cut
                    .setServerConfig("synchronous_commit", "on")
                    // zonky's own JVM hook would stop it at once on SIGTERM, while the publisher still
                    // drains and records; the application context stops it last instead
                    .setRegisterShutdownHook(false)
                    .start();
            try {
                requireServes(postgres, dataDirectory);
            } catch (IOException e) {
                postgres.close();
                throw e;
            }
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDirectory);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * zonky counts the database as started once something answers on its port; when another
     * PostgreSQL holds that port, it is that one, and Herald would silently use another data.
     */
    private static void requireServes(EmbeddedPostgres postgres, Path dataDirectory) throws IOException {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var rows = connection.createStatement().executeQuery("show data_directory")) {
            rows.next();
            var served = Path.of(rows.getString(1));
            if (!Files.isSameFile(served, dataDirectory)) {
                throw new IOException("Port " + postgres.getPort() + " is taken by another PostgreSQL (its data is in "
                        + served + "); set herald.database.port to a free port, or 0 for any");
            }
        } catch (SQLException e) {
            throw new IOException("The embedded PostgreSQL does not answer: " + e.getMessage(), e);
        }
    }
}
