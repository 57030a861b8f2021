package io.herald.organizations;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.HeraldProcess;
import io.herald.support.Tenant;
import io.herald.support.TestDatabase;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The node's memory of live keys (LiveKeys): it serves a key from memory, forgets on every change
 * of {@code api_keys} that commits, on any node or by SQL, and asks the database while it is not
 * listening.
 */
@HeraldIntegrationTest
class LiveKeysIntegrationTests {

    private static final String LIST = "/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02";

    private static final String INVALID_KEY = """
            {"msg":"Invalid API key"}""";

    /** How long a notification may take to arrive; in practice milliseconds. */
    private static final Duration NOTIFIED = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HeraldClient client;

    Tenant tenant;

    Tenant.Key key;

    @BeforeEach
    void useAKey() {
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
        key = tenant.createKey();
        assertThat(client.get(LIST, key.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void aKeyIsServedFromMemoryUntilAChangeIsNotified() throws SQLException {
        // revoked without its trigger, so no notification: the node still remembers the key live
        revokeSilently();
        assertThat(client.get(LIST, key.apiKey()).status()).isEqualTo(200);

        jdbc.sql("notify " + LiveKeys.CHANNEL).update();

        await().atMost(NOTIFIED).untilAsserted(() -> assertAnswer(client.get(LIST, key.apiKey()), 401, INVALID_KEY));
        assertThat(client.get(LIST, tenant.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void aKeyRevokedBySqlIsRefusedOnceTheCommitIsNotified() {
        jdbc.sql("update api_keys set revoked_at = now() where id = cast(:id as uuid)")
                .param("id", key.id())
                .update();

        await().atMost(NOTIFIED).untilAsserted(() -> assertAnswer(client.get(LIST, key.apiKey()), 401, INVALID_KEY));
    }

    @Test
    void aNodeThatLostItsListeningConnectionForgetsAndAsksTheDatabase() throws SQLException {
        revokeSilently();
        // the listener's connection dies: changes made meanwhile would never be notified
        jdbc.sql("""
                        select pg_terminate_backend(pid) from pg_stat_activity
                        where pid <> pg_backend_pid() and query in ('select 1', 'listen herald_api_keys')""").query(Boolean.class).list();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertAnswer(client.get(LIST, key.apiKey()), 401, INVALID_KEY));
        assertThat(client.get(LIST, tenant.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void aKeyRevokedOnAnotherNodeIsRefusedHereOnceNotified() {
        try (var other = HeraldProcess.start()) {
            var there = other.client();
            assertThat(there.get(LIST, key.apiKey()).status()).isEqualTo(200);

            assertThat(new Tenant(there, tenant.id(), tenant.apiKey())
                            .revokeKey(key.id())
                            .status())
                    .isEqualTo(200);

            // refused at once on the node that revoked it, and on this one once notified
            assertAnswer(there.get(LIST, key.apiKey()), 401, INVALID_KEY);
            await().atMost(NOTIFIED)
                    .untilAsserted(() -> assertAnswer(client.get(LIST, key.apiKey()), 401, INVALID_KEY));
            for (int i = 0; i < 10; i++) {
                assertAnswer(client.get(LIST, key.apiKey()), 401, INVALID_KEY);
                assertAnswer(there.get(LIST, key.apiKey()), 401, INVALID_KEY);
            }
        }
    }

    /** Revokes the key in a session that fires no trigger, so no node hears of it. */
    private void revokeSilently() throws SQLException {
        try (var connection = DriverManager.getConnection(TestDatabase.url(), "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute("update api_keys set revoked_at = now() where id = '" + key.id() + "'");
        }
    }
}
