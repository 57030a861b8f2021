package io.herald.compatibility;

import io.herald.support.HeraldProcess;
import io.herald.support.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A Herald deployed for the CLI: a standalone server process with its own data directory, its
 * access log, and a connection to its database for checking what it stored.
 */
record CliServer(HeraldProcess herald, AccessLog requests, JdbcClient jdbc) implements AutoCloseable {

    static CliServer start(Path dataDirectory, String... properties) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var requests = new AccessLog(dataDirectory.resolve("access"));
        var settings = new ArrayList<>(List.of(requests.settings()));
        settings.addAll(List.of(properties));
        var herald = HeraldProcess.standalone(dataDirectory, settings.toArray(String[]::new));
        var jdbc = JdbcClient.create(
                new SimpleDriverDataSource(new org.postgresql.Driver(), herald.databaseUrl(), "postgres", ""));
        return new CliServer(herald, requests, jdbc);
    }

    /** What {@code POSTIZ_API_URL} is set to: the server's address, context path included. */
    String url() {
        return herald.baseUrl();
    }

    /** The path a request for {@code path} shows in the access log, context path included. */
    String logged(String path) {
        return URI.create(url()).getPath() + path;
    }

    /** A new organization with a customer and two webhook integrations, the second one the customer's. */
    Account account(String hookUrl) {
        var tenant = Tenant.create(herald.client());
        var customer = tenant.customer("Acme");
        var config = "{\"url\":\"" + hookUrl + "\",\"secret\":\"s3cret\"}";
        var first = tenant.integration("First", "webhook", config);
        var second = tenant.integration("Second", "webhook", config, customer);
        return new Account(tenant, customer, first, second);
    }

    @Override
    public void close() {
        herald.close();
    }

    record Account(Tenant tenant, String customer, String first, String second) {

        String key() {
            return tenant.apiKey();
        }
    }
}
