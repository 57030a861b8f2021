package io.herald.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * One S3 server for the whole test JVM, started on first use, as {@link TestDatabase} is for
 * PostgreSQL: the server {@code HERALD_TEST_S3_ENDPOINT} names (with {@code HERALD_TEST_S3_ACCESS_KEY}
 * and {@code HERALD_TEST_S3_SECRET_KEY}; a MinIO, say), else S3Proxy with its in-memory blob store,
 * checking SigV4 signatures. S3Proxy runs from its self-contained jar (copied by the build, see
 * the pom) in a process of its own: it brings its own Jetty, AWS SDK, Jackson and logback, which
 * must not meet Herald's on one classpath.
 */
public final class TestS3 {

    /** The bucket the tests' Herald servers use; each context or process keeps its files under a prefix of its own. */
    public static final String BUCKET = "herald-tests";

    private static Server server;

    private TestS3() {}

    /** Where the server listens and the credentials it takes. */
    public record Server(String endpoint, String accessKey, String secretKey) {}

    public static synchronized Server server() {
        if (server == null) {
            var external = System.getenv("HERALD_TEST_S3_ENDPOINT");
            server = external != null && !external.isBlank()
                    ? new Server(
                            external,
                            System.getenv("HERALD_TEST_S3_ACCESS_KEY"),
                            System.getenv("HERALD_TEST_S3_SECRET_KEY"))
                    : startS3Proxy();
            try (var s3 = client()) {
                s3.createBucket(request -> request.bucket(BUCKET));
            } catch (BucketAlreadyOwnedByYouException e) {
                // an external server the tests used before
            }
        }
        return server;
    }

    /** The settings that put a Herald on the tests' bucket, its files under {@code prefix}, as {@code name=value}. */
    public static List<String> settings(String prefix) {
        var s3 = server();
        return List.of(
                "herald.media.store=s3",
                "herald.media.s3.endpoint=" + s3.endpoint(),
                "herald.media.s3.bucket=" + BUCKET,
                "herald.media.s3.access-key=" + s3.accessKey(),
                "herald.media.s3.secret-key=" + s3.secretKey(),
                "herald.media.s3.prefix=" + prefix);
    }

    /** A client of the server, as a test reads what Herald stored. */
    public static S3Client client() {
        var s3 = server();
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    /** The names of the files stored under {@code prefix}, the prefix taken off. */
    public static Set<String> names(String prefix) {
        try (var s3 = client()) {
            return s3.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(prefix)).contents().stream()
                    .map(object -> object.key().substring(prefix.length()))
                    .collect(Collectors.toSet());
        }
    }

    private static Server startS3Proxy() {
        var jar = Path.of(System.getProperty("herald.test.s3proxy-jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No S3Proxy at " + jar
                    + ": mvn generate-test-resources copies it there (or set HERALD_TEST_S3_ENDPOINT)");
        }
        var endpoint = "http://127.0.0.1:" + HeraldProcess.freePort();
        var started = new Server(endpoint, "herald-test", "herald-test-secret");
        try {
            var configuration = Files.createTempFile("s3proxy-", ".properties");
            Files.writeString(configuration, """
                    s3proxy.endpoint=%s
                    s3proxy.authorization=aws-v2-or-v4
                    s3proxy.identity=%s
                    s3proxy.credential=%s
                    jclouds.provider=transient
                    jclouds.identity=%s
                    jclouds.credential=%s
                    """.formatted(
                    endpoint, started.accessKey(), started.secretKey(), started.accessKey(), started.secretKey()));
            configuration.toFile().deleteOnExit();
            var log = Files.createTempFile("s3proxy-", ".log");
            var process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx384m",
                            "-jar",
                            jar.toAbsolutePath().toString(),
                            "--properties",
                            configuration.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            var http = HttpClient.newHttpClient();
            await().alias("S3Proxy at " + endpoint + " (log: " + log + ")")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("S3Proxy exited at start-up; see " + log);
                        }
                        try {
                            http.send(
                                    HttpRequest.newBuilder(URI.create(endpoint + "/"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            return true;
                        } catch (IOException e) {
                            return false;
                        }
                    });
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
