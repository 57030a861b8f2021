package io.herald.media;

import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.mastodon.MastodonInstanceStub;
import io.herald.support.HeraldClient;
import io.herald.support.Multipart;
import io.herald.support.MultipartBody;
import io.herald.support.PublicSurfaceTest;
import io.herald.support.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What a client sees of uploads and media, whichever store keeps them: one subclass per store runs
 * every case (upload, serve, Range and HEAD, the image fetch of a publication, the size caps, the
 * quota, refusals that store nothing).
 */
abstract class MediaIntegrationTests {

    private static final String UNSUPPORTED =
            "{\"statusCode\":400,\"message\":\"Unsupported file type.\",\"error\":\"Bad Request\"}";

    private static final String TOO_LARGE =
            "{\"statusCode\":413,\"message\":\"Request entity too large\",\"error\":\"Payload Too Large\"}";

    private static final int MB = 1024 * 1024;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HeraldClient client;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
    }

    /** The names of the files the store holds. */
    abstract Set<String> storedNames();

    /** Where uploads in progress are spooled on this node. */
    abstract Path spool();

    @Test
    void storesAPngNamedJustPngAndServesTheSameBytesAtTheReturnedPath() {
        var png = Samples.png();

        var response = upload(new Multipart().file("file", "png", "image/png", png));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        var id = response.json().get("id").asString();
        var name = response.json().get("name").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(name).matches("[0-9a-f]{32}\\.png");
        var path = "http://127.0.0.1:" + port + "/media/" + name;
        assertBody(response.body(), """
                {"id":"%s","name":"%s","originalName":"png","path":"%s","thumbnail":null,"alt":null}
                """.formatted(id, name, path));
        var fetched = fetch(path);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(fetched.body()).isEqualTo(png);
        assertThat(jdbc.sql(
                                "select organization_id, name, original_name, content_type, size_bytes from media where id = ?")
                        .param(UUID.fromString(id))
                        .query((row, n) -> row.getString(1) + " " + row.getString(2) + " " + row.getString(3) + " "
                                + row.getString(4) + " " + row.getLong(5))
                        .single())
                .isEqualTo(tenant.id() + " " + name + " png image/png " + png.length);
    }

    @Test
    void aPostCanUseTheUploadedPath() {
        var integration = tenant.webhook("Hook");
        var uploaded = upload(new Multipart().file("file", "png", "image/png", Samples.png()))
                .json();
        var id = uploaded.get("id").asString();
        var path = uploaded.get("path").asString();

        tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"With a picture","image":[{"id":"%s","path":"%s"}]}]}]}
                """.formatted(integration, id, path));

        var listed = tenant.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02");
        assertThat(listed.status()).isEqualTo(200);
        assertBody(listed.json().get("posts").get(0).get("image").toString(), """
                [{"id":"%s","path":"%s"}]
                """.formatted(id, path));
        assertThat(fetch(path).statusCode()).isEqualTo(200);
    }

    /** Publication reads the image from the store, not over HTTP from Herald (see OwnMedia). */
    @Test
    void aPublicationSendsTheUploadedBytesToThePlatform() {
        var png = Samples.png();
        var uploaded = upload(new Multipart().file("file", "cat.png", "image/png", png))
                .json();

        var sent = publishedToMastodon(tenant, uploaded);

        assertThat(sent.content()).isEqualTo(png);
        assertThat(sent.headers()).containsEntry("Content-Type", "image/png");
        assertThat(sent.fileName()).isEqualTo(uploaded.get("name").asString());
    }

    /** Publishes the uploaded file in a post to a Mastodon instance and answers the file part the instance received. */
    static MultipartBody.Part publishedToMastodon(Tenant tenant, JsonNode uploaded) {
        try (var mastodon = new MastodonInstanceStub()) {
            var integration = tenant.integration(
                    "Toots",
                    "mastodon",
                    "{\"instanceUrl\":\"%s\",\"accessToken\":\"%s\"}"
                            .formatted(mastodon.url(), MastodonInstanceStub.TOKEN));
            tenant.createPosts("""
                    {"type":"now","shortLink":false,"tags":[],
                     "posts":[{"integration":{"id":"%s"},"value":[{"content":"A cat","image":[{"id":"%s","path":"%s"}]}]}]}
                    """.formatted(
                            integration,
                            uploaded.get("id").asString(),
                            uploaded.get("path").asString()));

            var upload = await().atMost(Duration.ofSeconds(30))
                    .until(() -> mastodon.received("/api/v2/media"), received -> !received.isEmpty())
                    .get(0);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> mastodon.received("/api/v1/statuses").size() == 1);
            return MultipartBody.parse(upload.header("Content-Type"), upload.body())
                    .part("file");
        }
    }

    @Test
    void servesARangeOfAFileAndItsLastBytes() {
        var video = Samples.isoMedia("mp42", 300_000);
        for (int i = 64; i < video.length; i++) {
            video[i] = (byte) (i ^ (i >>> 8)); // every slice its own bytes
        }
        var path = upload(new Multipart().file("file", "clip.mp4", "video/mp4", video))
                .json()
                .get("path")
                .asString();

        var middle = fetch(path, "bytes=100000-100099");
        var end = fetch(path, "bytes=-10");

        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 100000-100099/300000");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(video, 100_000, 100_100));
        assertThat(end.statusCode()).isEqualTo(206);
        assertThat(end.headers().firstValue("Content-Range")).hasValue("bytes 299990-299999/300000");
        assertThat(end.body()).isEqualTo(Arrays.copyOfRange(video, 299_990, 300_000));
    }

    @Test
    void answersAHeadWithTheHeadersOfTheFileAndNoBody() throws Exception {
        var png = Samples.png();
        var path = upload(new Multipart().file("file", "png", "image/png", png))
                .json()
                .get("path")
                .asString();

        var head = http.send(
                HttpRequest.newBuilder(URI.create(path))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(png.length));
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
        assertThat(head.body()).isEmpty();
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("jpeg", Samples.jpeg(), "jpg", "image/jpeg"),
                Arguments.of("png", Samples.png(), "png", "image/png"),
                Arguments.of("gif", Samples.gif(), "gif", "image/gif"),
                Arguments.of("webp", Samples.webp(), "webp", "image/webp"),
                Arguments.of("mp4", Samples.mp4(), "mp4", "video/mp4"),
                Arguments.of("mp4 of brand mp42", Samples.isoMedia("mp42", 512), "mp4", "video/mp4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void detectsTheTypeFromTheBytesWhateverTheNameAndDeclaredType(
            String kind, byte[] content, String extension, String contentType) {
        var response = upload(new Multipart().file("file", "upload.bin", "application/octet-stream", content));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("name").asString()).endsWith("." + extension);
        assertThat(response.json().get("originalName").asString()).isEqualTo("upload.bin");
        var fetched = fetch(response.json().get("path").asString());
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue(contentType);
        assertThat(fetched.body()).isEqualTo(content);
        assertThat(storedContentType(response.json().get("id").asString())).isEqualTo(contentType);
    }

    static Stream<Arguments> impostors() {
        return Stream.of(
                Arguments.of("text named x.png", "x.png", "image/png", Samples.text()),
                Arguments.of("QuickTime named clip.mp4", "clip.mp4", "video/mp4", Samples.isoMedia("qt  ", 256)),
                Arguments.of("HEIC named photo.jpg", "photo.jpg", "image/jpeg", Samples.isoMedia("heic", 256)),
                Arguments.of("empty file named empty.png", "empty.png", "image/png", new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impostors")
    void refusesAnUnsupportedFileAndStoresNothing(
            String description, String filename, String declaredType, byte[] content) {
        var before = stored();

        var response = upload(new Multipart().file("file", filename, declaredType, content));

        assertThat(response.status()).isEqualTo(400);
        assertBody(response.body(), UNSUPPORTED);
        assertNothingStoredSince(before);
    }

    @Test
    void refusesAnUploadWithoutAFilePart() {
        var before = stored();

        var onlyText = upload(new Multipart().field("file", "not a file"));
        var otherField = upload(new Multipart().file("image", "a.png", "image/png", Samples.png()));
        var json = client.post("/public/v1/upload", tenant.apiKey(), "{\"file\":\"a.png\"}");

        for (var response : new HeraldClient.Response[] {onlyText, otherField, json}) {
            assertThat(response.status()).isEqualTo(400);
            assertBody(response.body(), "{\"msg\":\"No file provided\"}");
        }
        assertNothingStoredSince(before);
    }

    @Test
    void refusesAnImageOverTheImageLimitAndStoresNothing() {
        var before = stored();

        var response = upload(new Multipart().file("file", "big.png", "image/png", Samples.pngOfSize(MB + 1)));

        assertThat(response.status()).isEqualTo(413);
        assertBody(response.body(), TOO_LARGE);
        assertNothingStoredSince(before);
    }

    @Test
    void refusesAVideoOverTheVideoLimitAndStoresNothing() {
        var before = stored();

        var response =
                upload(new Multipart().file("file", "big.mp4", "video/mp4", Samples.isoMedia("isom", 2 * MB + 1)));

        assertThat(response.status()).isEqualTo(413);
        assertBody(response.body(), TOO_LARGE);
        assertNothingStoredSince(before);
    }

    @Test
    void acceptsAVideoOverTheImageLimitButWithinTheVideoLimit() {
        var video = Samples.isoMedia("mp42", MB + MB / 2);

        var response = upload(new Multipart().file("file", "clip.mp4", "video/mp4", video));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(fetch(response.json().get("path").asString()).body()).isEqualTo(video);
    }

    @Test
    void refusesAnUploadWithoutAKeyAndStoresNothing() {
        var before = stored();

        var response = client.send(
                new Multipart().file("file", "png", "image/png", Samples.png()).post(uploadUrl(), null));

        assertThat(response.status()).isEqualTo(401);
        assertBody(response.body(), "{\"msg\":\"No API Key found\"}");
        assertNothingStoredSince(before);
    }

    /** The multipart parser refuses a NUL in a part's file name, raw or encoded (MediaLibraryTests: Herald too). */
    @Test
    void refusesAFileNameWithANulAndStoresNothing() {
        var before = stored();

        var raw = upload(new Multipart().file("file", "a\u0000b.png", "image/png", Samples.png()));
        var encoded = upload(new Multipart()
                .part("form-data; name=\"file\"; filename*=UTF-8''a%00b.png", "image/png", Samples.png()));

        assertThat(raw.status()).isEqualTo(400);
        assertBody(raw.body(), """
                {"statusCode":400,"message":"Malformed multipart body","error":"Bad Request"}""");
        assertThat(encoded.status()).isEqualTo(400);
        assertBody(encoded.body(), """
                {"statusCode":400,"message":"Malformed multipart body","error":"Bad Request"}""");
        assertNothingStoredSince(before);
    }

    @Test
    void allowsTheHourlyNumberOfUploadsThenAnswers429WithoutReadingTheFile() {
        for (int i = 0; i < PublicSurfaceTest.UPLOADS_PER_HOUR; i++) {
            var response = upload(new Multipart().file("file", "a.png", "image/png", Samples.png()));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertThat(response.headers().firstValue("X-RateLimit-Remaining"))
                    .hasValue(Integer.toString(PublicSurfaceTest.UPLOADS_PER_HOUR - i - 1));
        }
        var before = stored();

        var response = upload(new Multipart().file("file", "a.png", "image/png", Samples.png()));

        assertThat(response.status()).isEqualTo(429);
        assertBody(response.body(), """
                {"statusCode":429,"message":"Too Many Requests","error":"Too Many Requests"}""");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertNothingStoredSince(before);
    }

    @Test
    void refusesAnUploadThatWouldGoOverTheOrganizationsQuota() {
        var video = Samples.isoMedia("mp42", MB + MB / 2);
        assertThat(upload(new Multipart().file("file", "1.mp4", "video/mp4", video))
                        .status())
                .isEqualTo(201);
        assertThat(upload(new Multipart().file("file", "2.mp4", "video/mp4", video))
                        .status())
                .isEqualTo(201);
        var before = stored();

        var over = upload(new Multipart().file("file", "3.mp4", "video/mp4", video));

        assertThat(over.status()).isEqualTo(413);
        assertBody(over.body(), """
                {"statusCode":413,"message":"The organization's media quota of 4194304 bytes is used up",
                 "error":"Payload Too Large"}""");
        assertNothingStoredSince(before);
        assertThat(upload(new Multipart().file("file", "small.png", "image/png", Samples.png()))
                        .status())
                .as("a file that still fits")
                .isEqualTo(201);
    }

    @Test
    void answersAnUnknownMediaFileWithNotFound() {
        var unknown = client.get("/media/0123456789abcdef0123456789abcdef.png", null);
        var notAMediaName = client.get("/media/.incoming", null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(notAMediaName.status()).isEqualTo(404);
    }

    HeraldClient.Response upload(Multipart multipart) {
        return client.send(multipart.post(uploadUrl(), tenant.apiKey()));
    }

    private String uploadUrl() {
        return client.base() + "/public/v1/upload";
    }

    private HttpResponse<byte[]> fetch(String url) {
        return fetch(url, null);
    }

    private HttpResponse<byte[]> fetch(String url, String range) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (range != null) {
            request.header("Range", range);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String storedContentType(String id) {
        return jdbc.sql("select content_type from media where id = ?")
                .param(UUID.fromString(id))
                .query(String.class)
                .single();
    }

    private Stored stored() {
        var rows = jdbc.sql("select count(*) from media where organization_id = ?")
                .param(UUID.fromString(tenant.id()))
                .query(Long.class)
                .single();
        return new Stored(rows, storedNames());
    }

    /** No row, no stored file, and (once the request is cleaned up) nothing left in the spool folder. */
    private void assertNothingStoredSince(Stored before) {
        assertThat(stored()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(files(spool())).isEmpty());
    }

    static Set<String> files(Path directory) {
        try (var files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Stored(long rows, Set<String> files) {}
}
