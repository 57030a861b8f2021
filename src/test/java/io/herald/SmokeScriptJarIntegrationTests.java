package io.herald;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.herald.support.HeraldProcess;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/smoke.sh}, the check CI runs against the Docker deployments, run here against the
 * packaged jar as {@code java -jar} starts it (the README's "Run it": its own embedded PostgreSQL),
 * so that neither the script nor the jar can rot. Failsafe runs this class after {@code package}
 * and names the jar ({@code herald.jar}). The script needs curl and jq; without them it is skipped.
 */
class SmokeScriptJarIntegrationTests {

    private static final Path SCRIPT = Path.of("deploy", "smoke.sh");

    @TempDir
    static Path temp;

    static HeraldProcess herald;

    @BeforeAll
    static void startTheJar() {
        assumeTrue(
                onPath("curl") && onPath("jq") && onPath("bash"),
                "deploy/smoke.sh needs bash, curl and jq on the PATH (.ci/run installs them)");
        var jar = System.getProperty("herald.jar");
        assertThat(jar)
                .as("the packaged jar, named by failsafe in mvn verify (it is built in the package phase)")
                .isNotNull();
        assertThat(Path.of(jar)).as("the packaged jar").isRegularFile();
        herald = HeraldProcess.standaloneJar(Path.of(jar), temp.resolve("herald"));
    }

    @AfterAll
    static void stop() {
        if (herald != null) {
            herald.close();
        }
    }

    @Test
    void aNewUsersFirstStepsAllAnswerAsDocumented() {
        var run = smoke(herald.baseUrl(), Tenant.ADMIN_TOKEN);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.lastLine()).as(run.output()).isEqualTo("smoke: OK, 18 steps against " + herald.baseUrl());
    }

    @Test
    void stopsAtTheFirstWrongAnswerWithALineSayingWhatCame() {
        try (var notHerald = new PlatformStub()) {
            notHerald.answer(request -> request.path().equals("/actuator/health/readiness")
                    ? PlatformStub.Answer.json(200, "{\"status\":\"UP\"}")
                    : PlatformStub.Answer.json(200, "{\"msg\":\"Invalid API key\"}"));

            var run = smoke(notHerald.url(""), Tenant.ADMIN_TOKEN);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.lastLine())
                    .isEqualTo(
                            "smoke: FAIL the public API refuses a request without a key: expected HTTP 401, got 200: "
                                    + "{\"msg\":\"Invalid API key\"}");
            assertThat(notHerald.received()).hasSize(2);
        }
    }

    private record Run(int exitCode, String output) {

        String lastLine() {
            var lines = output.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    /** Runs the script as a user would, with this JVM's {@code java} first on the PATH for its receiver. */
    private static Run smoke(String baseUrl, String adminToken) {
        try {
            var output = Files.createTempFile(temp, "smoke-", ".out");
            var script = new ProcessBuilder("bash", SCRIPT.toString(), baseUrl, adminToken)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            var javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
            script.environment().merge("PATH", javaBin, (path, java) -> java + File.pathSeparator + path);
            var process = script.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("deploy/smoke.sh did not finish in 3 minutes: " + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, command))
                .anyMatch(Files::isExecutable);
    }
}
