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
import java.util.List;

/**
 * A Herald server in a process of its own, on the shared test database: a real cluster node,
 * which a test can stop (SIGTERM) or kill (SIGKILL) like an operator or a crash would.
 */
public final class HeraldProcess implements AutoCloseable {

    private final Process process;

    private final int port;

    private final Path log;

    private HeraldProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a node with these {@code name=value} settings and waits until it serves requests. */
    public static HeraldProcess start(String... properties) {
        try {
            var port = freePort();
            var log = Files.createTempFile("herald-node-", ".log");
            var command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    HeraldApplication.class.getName(),
                    "--server.port=" + port,
                    "--spring.datasource.url=" + TestDatabase.url(),
                    "--spring.datasource.username=postgres"));
            for (var property : properties) {
                command.add("--" + property);
            }
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var node = new HeraldProcess(process, port, log);
            var client = node.client();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Herald node exited at start-up; see " + log);
                        }
                        try {
                            return client.get("/admin/v1/nothing", Tenant.ADMIN).status() == 404;
                        } catch (UncheckedIOException e) {
                            return false;
                        }
                    });
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HeraldClient client() {
        return new HeraldClient(port);
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: the node dies at once, in the middle of whatever it is doing. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the node shuts down gracefully. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
