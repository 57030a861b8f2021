package io.herald.organizations;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's memory of the API keys it found live, so that a request is not a statement more.
 * Every change of {@code api_keys} on any node (a trigger, whatever makes it) notifies the channel
 * {@value #CHANNEL} when it commits; this node listens on a connection of its own and forgets
 * everything when a notification comes. It answers from memory only while that connection is known
 * to work (checked every {@link #CHECK}, trusted for {@link #TRUSTED}); otherwise every request asks
 * the database, and what was remembered is forgotten when listening starts again, since changes
 * may have been missed meanwhile. A key revoked on this node is forgotten when the revocation
 * commits; on another node, when its notification arrives (milliseconds).
 *
 * <p>A lookup that started before a change and finished after it must not remember what it read:
 * every forgetting moves a generation on, and a lookup remembers its answer only if the generation
 * it started in is still current.
 */
@Component
@EnableConfigurationProperties(ApiKeyProperties.class)
class LiveKeys implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveKeys.class);

    static final String CHANNEL = "herald_api_keys";

    private static final Duration CHECK = Duration.ofSeconds(1);

    private static final Duration TRUSTED = Duration.ofSeconds(3);

    /** Beyond this many keys, memory starts again from nothing. */
    private static final int MAX_KEYS = 10_000;

    private final DataSource dataSource;

    private final boolean enabled;

    private final Map<String, CallerKey> keys = new ConcurrentHashMap<>();

    private final Object lock = new Object();

    private long generation;

    /** When the listening connection last answered, by {@link System#nanoTime()}; valid while {@link #listening}. */
    private volatile long confirmedAt;

    private volatile boolean listening;

    private volatile boolean running;

    private Thread listener;

    LiveKeys(DataSource dataSource, ApiKeyProperties properties) {
        this.dataSource = dataSource;
        this.enabled = properties.cache();
    }

    /** The live key of {@code keyHash}: from memory while it can be trusted, otherwise from {@code lookup}. */
    Optional<CallerKey> find(byte[] keyHash, Supplier<Optional<CallerKey>> lookup) {
        if (!trusted()) {
            return lookup.get();
        }
        var hash = HexFormat.of().formatHex(keyHash);
        var known = keys.get(hash);
        if (known != null) {
            return Optional.of(known);
        }
        long startedIn;
        synchronized (lock) {
            startedIn = generation;
        }
        var found = lookup.get();
        found.ifPresent(key -> remember(hash, key, startedIn));
        return found;
    }

    /** Forgets every key: one changed (or may have), on this node or another. */
    void forget() {
        synchronized (lock) {
            generation++;
            keys.clear();
        }
    }

    private void remember(String hash, CallerKey key, long startedIn) {
        synchronized (lock) {
            if (generation != startedIn) {
                return;
            }
            if (keys.size() >= MAX_KEYS) {
                keys.clear();
            }
            keys.put(hash, key);
        }
    }

    private boolean trusted() {
        return listening && System.nanoTime() - confirmedAt < TRUSTED.toNanos();
    }

    private void listen() {
        var failing = false;
        while (running) {
            try (var connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                execute(connection, "listen " + CHANNEL);
                forget();
                confirmedAt = System.nanoTime();
                listening = true;
                if (failing) {
                    log.info("Listening for API key changes again: keys are remembered again");
                    failing = false;
                }
                var notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    var received = notifications.getNotifications((int) CHECK.toMillis());
                    if (received != null && received.length > 0) {
                        forget();
                    }
                    // a connection that died silently answers nothing: the check fails, or lasts
                    // past the trusted time, and memory is not used meanwhile
                    execute(connection, "select 1");
                    confirmedAt = System.nanoTime();
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                forget();
                if (!failing && running) {
                    log.warn(
                            "Not listening for API key changes ({}): every request asks the database until it can again",
                            e.toString());
                    failing = true;
                }
                pause();
            }
        }
        listening = false;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void pause() {
        try {
            Thread.sleep(CHECK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            return;
        }
        listener = new Thread(this::listen, "herald-api-key-listener");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(CHECK.multipliedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
