package io.herald.support;

import static org.awaitility.Awaitility.await;

import io.herald.HeraldApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Herald server in a process of its own: a real cluster node on the shared test database, which
 * a test can stop (SIGTERM) or kill (SIGKILL) like an operator or a crash would, or a
 * {@linkplain #standalone standalone} server with its own embedded database, as a single server is
 * deployed, also {@linkplain #standaloneJar from the packaged jar}.
 */
public final class HeraldProcess implements AutoCloseable {

    private static final String CONTEXT_PATH = "server.servlet.context-path=";

    private final Process process;

    private final int port;

    private final String baseUrl;

    private final Path log;

    private final String databaseUrl;

    private final boolean ownDatabase;

    private HeraldProcess(
            Process process, int port, String baseUrl, Path log, String databaseUrl, boolean ownDatabase) {
        this.process = process;
        this.port = port;
        this.baseUrl = baseUrl;
        this.log = log;
        this.databaseUrl = databaseUrl;
        this.ownDatabase = ownDatabase;
    }

    /** Starts a node on the shared test database with these {@code name=value} settings and waits until it serves requests. */
    public static HeraldProcess start(String... properties) {
        var settings = new ArrayList<>(
                List.of("spring.datasource.url=" + TestDatabase.url(), "spring.datasource.username=postgres"));
        settings.addAll(List.of(properties));
        return launch(freePort(), classes(), settings, TestDatabase.url(), false);
    }

    /**
     * Starts a server with Herald's own embedded PostgreSQL, its data and its media under
     * {@code dataDirectory}, on a port of its own, with these {@code name=value} settings. Its public
     * URL is its own address, context path ({@code server.servlet.context-path}) included, unless the
     * settings name one. The database listens on a port of its own too, so a test can read it
     * ({@link #databaseUrl()}).
     */
    public static HeraldProcess standalone(Path dataDirectory, String... properties) {
        var settings = new ArrayList<>(List.of("herald.test.shared-database=false"));
        settings.addAll(List.of(properties));
        return standalone(classes(), dataDirectory, settings.toArray(String[]::new));
    }

    /**
     * As {@link #standalone}, but the packaged jar as {@code java -jar} runs it: none of the tests'
     * classes or settings, only these and the tests' admin token ({@link Tenant#ADMIN_TOKEN}).
     */
    public static HeraldProcess standaloneJar(Path jar, Path dataDirectory, String... properties) {
        var settings = new ArrayList<>(List.of("herald.admin.token=" + Tenant.ADMIN_TOKEN));
        settings.addAll(List.of(properties));
        return standalone(
                List.of("-jar", jar.toAbsolutePath().toString()), dataDirectory, settings.toArray(String[]::new));
    }

    private static HeraldProcess standalone(List<String> program, Path dataDirectory, String... properties) {
        var port = freePort();
        var databasePort = freePort();
        var settings = new ArrayList<>(List.of(
                "herald.database.data-dir=" + dataDirectory.resolve("postgres").toAbsolutePath(),
                "herald.database.port=" + databasePort,
                "herald.media.directory=" + dataDirectory.resolve("media").toAbsolutePath(),
                // A standalone server keeps its secrets key with its data, never in the working folder.
                "herald.secrets.key-file="
                        + dataDirectory.resolve("secrets.key").toAbsolutePath()));
        if (Arrays.stream(properties).noneMatch(property -> property.startsWith("herald.public-url="))) {
            settings.add("herald.public-url=" + baseUrl(port, properties));
        }
        settings.addAll(List.of(properties));
        return launch(port, program, settings, "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres", true);
    }

    /** What {@code java} runs: Herald from the test JVM's own classpath, test classes and settings included. */
    private static List<String> classes() {
        return List.of("-cp", System.getProperty("java.class.path"), HeraldApplication.class.getName());
    }

    private static HeraldProcess launch(
            int port, List<String> program, List<String> settings, String databaseUrl, boolean ownDatabase) {
        try {
            var log = Files.createTempFile("herald-node-", ".log");
            var command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            command.addAll(program);
            command.add("--server.port=" + port);
            for (var setting : settings) {
                command.add("--" + setting);
            }
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var node = new HeraldProcess(
                    process, port, baseUrl(port, settings.toArray(String[]::new)), log, databaseUrl, ownDatabase);
            var client = node.client();
            try {
                // Generous: several Herald JVMs may start at once on a busy build machine.
                await().alias("Herald at " + node.baseUrl() + " to serve requests (log: " + log + ")")
                        .atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("Herald node exited at start-up; see " + log);
                            }
                            try {
                                return client.get("/admin/v1/nothing", Tenant.ADMIN)
                                                .status()
                                        == 404;
                            } catch (UncheckedIOException e) {
                                return false;
                            }
                        });
            } catch (RuntimeException e) {
                node.close(); // no process (nor its database) outlives a failed start
                throw e;
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client of this server, under its context path. */
    public HeraldClient client() {
        return new HeraldClient(baseUrl);
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} plus the context path, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The JDBC URL of the server's database (user {@code postgres}, no password). */
    public String databaseUrl() {
        return databaseUrl;
    }

    public Path log() {
        return log;
    }

    /**
     * SIGKILL: the node dies at once, in the middle of whatever it is doing. A standalone server's
     * embedded PostgreSQL outlives it.
     */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the node shuts down gracefully. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    /** The process's id, for signals of a test's own. */
    public long pid() {
        return process.pid();
    }

    /**
     * SIGSTOP: the whole process freezes at once, as under a long GC or VM pause, its threads,
     * timers and connections included, until {@link #resume}.
     */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT: a {@linkplain #pause paused} process runs on from where it stood. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            var kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills a node; stops a standalone server gracefully, so that its embedded PostgreSQL stops with it. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        resume(); // a paused process would not take SIGTERM before SIGCONT
        if (ownDatabase) {
            process.destroy();
            try {
                if (process.waitFor(60, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
    }

    private static String baseUrl(int port, String... settings) {
        var contextPath = Arrays.stream(settings)
                .filter(setting -> setting.startsWith(CONTEXT_PATH))
                .map(setting -> setting.substring(CONTEXT_PATH.length()))
                .reduce("", (first, last) -> last);
        while (contextPath.endsWith("/")) {
            contextPath = contextPath.substring(0, contextPath.length() - 1);
        }
        return "http://127.0.0.1:" + port + contextPath;
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
