package io.herald.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The requests the CLI sent to a Herald process, from Tomcat's access log: one
 * {@code <method> <target> <status>} line per request, the target exactly as the CLI sent it. Proof
 * that a command really reached the server (an unknown command, for one, exits 0 and sends
 * nothing). Only requests with the CLI's {@code User-Agent} count, so the tests' own calls never get
 * in the way; Tomcat writes a line once the response is sent, so reads wait for it.
 */
final class AccessLog {

    /** node-fetch's default User-Agent, which the CLI keeps. */
    private static final String CLI = "node-fetch ";

    private final Path directory;

    AccessLog(Path directory) {
        this.directory = directory;
    }

    /** The server settings that write this log. */
    String[] settings() {
        return new String[] {
            "server.tomcat.accesslog.enabled=true",
            "server.tomcat.accesslog.directory=" + directory.toAbsolutePath(),
            "server.tomcat.accesslog.prefix=access",
            "server.tomcat.accesslog.suffix=.log",
            "server.tomcat.accesslog.rotate=false",
            "server.tomcat.accesslog.buffered=false",
            "server.tomcat.accesslog.pattern=%{User-Agent}i %r %s"
        };
    }

    /** Where the log is now; {@link #awaitSince} looks at the requests after it. */
    int mark() {
        return lines().size();
    }

    /** Waits until the requests after {@code mark} are exactly {@code expected}, in order. */
    void awaitSince(int mark, String... expected) {
        assertThat(awaitSince(mark, expected.length))
                .as("requests that reached Herald")
                .containsExactly(expected);
    }

    /** Waits for {@code count} requests after {@code mark} and returns all requests after it. */
    List<String> awaitSince(int mark, int count) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> lines().size() >= mark + count);
        var lines = lines();
        return lines.subList(mark, lines.size());
    }

    private List<String> lines() {
        var file = directory.resolve("access.log");
        try {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith(CLI))
                    .map(line -> line.substring(CLI.length()).replace(" HTTP/1.1 ", " "))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
