package io.herald.media;

import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldInstance;
import io.herald.support.Multipart;
import io.herald.support.PublicSurfaceTest;
import io.herald.support.Tenant;
import io.herald.support.TestS3;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The media cases on the S3 store, against the tests' S3 server ({@link TestS3}): a context of its
 * own, with a Quartz scheduler of its own (see {@link PublicSurfaceTest}) and a media directory that
 * holds only its spool folder. Then what only S3 has: the objects themselves, pre-signed delivery,
 * and a bucket that cannot be reached.
 */
@PublicSurfaceTest
class S3MediaIntegrationTests extends MediaIntegrationTests {

    /** This JVM's files: the bucket may be an external server's that other runs used. */
    private static final String PREFIX = "media-tests-" + UUID.randomUUID() + "/";

    private static final Path SPOOL = Path.of("target/test-media-s3");

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        for (var setting : TestS3.settings(PREFIX)) {
            var at = setting.indexOf('=');
            registry.add(setting.substring(0, at), () -> setting.substring(at + 1));
        }
        registry.add("herald.media.directory", SPOOL::toString);
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> "herald-public-surface-s3");
    }

    @Override
    Set<String> storedNames() {
        return TestS3.names(PREFIX);
    }

    @Override
    Path spool() {
        return SPOOL.resolve(".incoming");
    }

    @Test
    void storesAnUploadAsAnObjectWithItsTypeAndCachingAndNothingOnDisk() {
        var png = Samples.png();

        var name = upload(new Multipart().file("file", "png", "image/png", png))
                .json()
                .get("name")
                .asString();

        try (var s3 = TestS3.client()) {
            var head = s3.headObject(request -> request.bucket(TestS3.BUCKET).key(PREFIX + name));
            assertThat(head.contentLength()).isEqualTo(png.length);
            assertThat(head.contentType()).isEqualTo("image/png");
            assertThat(head.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        }
        assertThat(files(SPOOL)).isEmpty();
    }

    /**
     * The {@code /media/} URL redirects to a pre-signed URL on the endpoint clients reach the store
     * at ({@code public-endpoint}: here the same server under another host name), kept by a client
     * for half its lifetime. Publication still reads the file from the bucket: image fetches follow
     * no redirect.
     */
    @Test
    void redirectsToAPresignedUrlThatServesTheFileAndStillPublishesIt() throws Exception {
        var prefix = "presigned-" + UUID.randomUUID() + "/";
        var publicEndpoint = TestS3.server().endpoint().replace("127.0.0.1", "localhost");
        try (var node = instance(
                prefix,
                "herald.media.s3.delivery=presigned",
                "herald.media.s3.presigned-expiry=10m",
                "herald.media.s3.public-endpoint=" + publicEndpoint)) {
            var nodeTenant = Tenant.create(node.client());
            var png = Samples.png();
            var uploaded = node.client()
                    .send(new Multipart()
                            .file("file", "png", "image/png", png)
                            .post(uploadUrl(node), nodeTenant.apiKey()))
                    .json();
            var path = URI.create(uploaded.get("path").asString()).getPath();

            var redirect = node.client().get(path, null);
            var head = node.client().send("HEAD", path, null, null);

            assertThat(redirect.status()).isEqualTo(302);
            var location = redirect.headers().firstValue("Location").orElseThrow();
            assertThat(location)
                    .startsWith(publicEndpoint + "/" + TestS3.BUCKET + "/" + prefix
                            + uploaded.get("name").asString() + "?")
                    .contains("X-Amz-Expires=600");
            assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("max-age=300, private");
            assertThat(head.status()).isEqualTo(302);
            assertThat(head.headers().firstValue("Location")).isPresent();
            var followed = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(location)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(followed.statusCode()).isEqualTo(200);
            assertThat(followed.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(followed.body()).isEqualTo(png);
            assertThat(node.client()
                            .get("/media/0123456789abcdef0123456789abcdef.png", null)
                            .status())
                    .isEqualTo(404);
            assertThat(publishedToMastodon(nodeTenant, uploaded).content()).isEqualTo(png);
        }
    }

    /** A store that cannot be reached is the server's failure, not the client's: 503, and nothing is kept. */
    @Test
    void answersServiceUnavailableWhenTheBucketCannotBeReachedAndStoresNothing() throws IOException {
        var spool = Path.of("target/test-media-unreachable");
        try (var node = instance(
                "unreachable/",
                "herald.media.s3.endpoint=http://127.0.0.1:" + closedPort(),
                "herald.media.directory=" + spool,
                "herald.publishing.enabled=false")) {
            var nodeTenant = Tenant.create(node.client());

            var upload = node.client()
                    .send(new Multipart()
                            .file("file", "png", "image/png", Samples.png())
                            .post(uploadUrl(node), nodeTenant.apiKey()));
            var serve = node.client().get("/media/0123456789abcdef0123456789abcdef.png", null);

            assertThat(upload.status()).isEqualTo(503);
            assertBody(upload.body(), """
                    {"statusCode":503,"message":"Media storage unavailable","error":"Service Unavailable"}""");
            assertThat(jdbc.sql("select count(*) from media where organization_id = ?")
                            .param(UUID.fromString(nodeTenant.id()))
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(files(spool.resolve(".incoming"))).isEmpty();
            assertThat(serve.status()).isEqualTo(503);
            assertBody(serve.body(), """
                    {"title":"Service Unavailable","status":503,"detail":"Media storage unavailable",
                     "instance":"/media/0123456789abcdef0123456789abcdef.png"}""");
        }
    }

    /** Another server on the tests' bucket, its files under {@code prefix}, with these settings (which win) too. */
    private static HeraldInstance instance(String prefix, String... settings) {
        var all = new LinkedHashMap<String, String>();
        var defaults = new ArrayList<>(TestS3.settings(prefix));
        defaults.add("herald.public-url=http://127.0.0.1:${local.server.port}");
        defaults.add("herald.media.directory=target/test-media-" + prefix.replace("/", ""));
        defaults.addAll(List.of(settings));
        for (var setting : defaults) {
            var at = setting.indexOf('=');
            all.put(setting.substring(0, at), setting.substring(at + 1));
        }
        return HeraldInstance.start(all.entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new));
    }

    private static String uploadUrl(HeraldInstance node) {
        return node.client().base() + "/public/v1/upload";
    }

    private static int closedPort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
