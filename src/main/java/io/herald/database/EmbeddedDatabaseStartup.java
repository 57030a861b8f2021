package io.herald.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
        context.getBeanFactory().registerSingleton("embeddedDatabaseStartup", this);
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

    private static EmbeddedPostgres start(EmbeddedDatabaseProperties properties) {
        var dataDirectory = properties.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dataDirectory);
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(properties.port())
                    // zonky's defaults suit tests; a server's commits must survive a power cut
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDirectory);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
