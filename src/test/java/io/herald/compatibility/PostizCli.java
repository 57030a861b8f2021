package io.herald.compatibility;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Postiz CLI ({@code postiz} 2.1.0), installed once per build under {@code target/}
 * and run the way a user runs it: the key and the URL in {@code POSTIZ_API_KEY} and
 * {@code POSTIZ_API_URL}, and an empty {@code HOME}, since a {@code ~/.postiz/credentials.json}
 * would win over both variables.
 */
final class PostizCli {

    static final String VERSION = "2.1.0";

    /** Why the tests skip where there is no {@code node}. */
    static final String NO_NODE =
            "node is not installed: the Postiz CLI compatibility tests need Node >= 20.19 and npm";

    private static final Path PREFIX = Path.of("target", "postiz-cli");

    private static final Path PACKAGE = PREFIX.resolve("node_modules").resolve("postiz");

    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\..*");

    private static final long COMMAND_SECONDS = 60;

    private static final long INSTALL_SECONDS = 300;

    private static final JsonMapper json = JsonMapper.builder().build();

    private final Path script;

    private final Path workDirectory;

    private PostizCli(Path script, Path workDirectory) {
        this.script = script;
        this.workDirectory = workDirectory;
    }

    /**
     * Installs the CLI unless this build already did, or answers null when there is no {@code node}
     * (the tests skip then, see {@link #NO_NODE}); fails when {@code node} is too old to run the CLI.
     * Commands run in {@code workDirectory}, so relative file arguments resolve there.
     */
    static synchronized PostizCli install(Path workDirectory) {
        var version = nodeVersion();
        if (version == null) {
            return null;
        }
        var matcher = NODE_VERSION.matcher(version);
        var major = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
        var minor = matcher.matches() ? Integer.parseInt(matcher.group(2)) : 0;
        if (!runsTheCli(major, minor)) {
            fail("The Postiz CLI " + VERSION + " needs Node >= 20.19 (on 22.x, >= 22.12); found " + version);
        }
        if (!VERSION.equals(installedVersion())) {
            npmInstall();
        }
        return new PostizCli(PACKAGE.resolve("dist").resolve("index.js").toAbsolutePath(), workDirectory);
    }

    /** The CLI loads the ESM-only node-fetch with require(), which Node enables by default from these. */
    private static boolean runsTheCli(int major, int minor) {
        return (major == 20 && minor >= 19) || (major == 22 && minor >= 12) || major >= 23;
    }

    /** Runs {@code postiz <arguments>} against {@code apiUrl} with {@code apiKey}, in a new empty home. */
    Result run(String apiUrl, String apiKey, String... arguments) {
        try {
            var home = Files.createTempDirectory(workDirectory, "home-");
            var command = new ArrayList<>(List.of("node", script.toString()));
            command.addAll(List.of(arguments));
            var builder = new ProcessBuilder(command).directory(workDirectory.toFile());
            var environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("POSTIZ_"));
            environment.put("HOME", home.toString());
            environment.put("POSTIZ_API_URL", apiUrl);
            environment.put("POSTIZ_API_KEY", apiKey);
            return execute(builder, String.join(" ", arguments), COMMAND_SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result execute(ProcessBuilder builder, String description, long timeoutSeconds) throws IOException {
        var stdout = Files.createTempFile("postiz-cli-", ".out");
        var stderr = Files.createTempFile("postiz-cli-", ".err");
        try {
            var process = builder.redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(description + " did not finish within " + timeoutSeconds + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException(e);
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static String nodeVersion() {
        try {
            var result = execute(new ProcessBuilder("node", "--version"), "node --version", COMMAND_SECONDS);
            return result.exitCode() == 0 ? result.stdout().trim() : null;
        } catch (IOException e) {
            return null; // no node on the PATH
        }
    }

    private static String installedVersion() {
        var manifest = PACKAGE.resolve("package.json");
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        return json.readTree(manifest.toFile()).path("version").asString(null);
    }

    /** No lockfile and no package.json are written: the CLI lives only under target/. */
    private static void npmInstall() {
        var command = List.of(
                "npm",
                "install",
                "--no-save",
                "--no-package-lock",
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
                "--prefix",
                PREFIX.toAbsolutePath().toString(),
                "postiz@" + VERSION);
        try {
            Files.createDirectories(PREFIX);
            var result = execute(new ProcessBuilder(command), String.join(" ", command), INSTALL_SECONDS);
            if (result.exitCode() != 0 || !VERSION.equals(installedVersion())) {
                fail(String.join(" ", command) + " failed (exit " + result.exitCode() + "):\n" + result.stdout()
                        + result.stderr());
            }
        } catch (IOException e) {
            fail("npm is needed to install the Postiz CLI: " + e.getMessage(), e);
        }
    }

    /** What a command did: its exit code and output. */
    record Result(int exitCode, String stdout, String stderr) {

        /** The line every successful command prints before its JSON. */
        String header() {
            var end = stdout.indexOf('\n');
            return end < 0 ? stdout : stdout.substring(0, end);
        }

        /** The pretty-printed JSON after the header line, exactly as printed. */
        String body() {
            var end = stdout.indexOf('\n');
            return end < 0 ? "" : stdout.substring(end + 1);
        }

        JsonNode json() {
            return PostizCli.json.readTree(body());
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
