package io.herald.media;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.PlatformStub;
import io.herald.support.PublicSurfaceTest;
import io.herald.support.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Postiz's {@code POST /public/v1/upload-from-url}: the file at a URL, fetched as posts' images are
 * and stored as an upload of it would be (its type from its bytes, the upload limits). The image
 * host is a local stub, which the tests' settings allow; {@link UploadFromUrlGuardIntegrationTests}
 * refuses it as a deployment does.
 */
@PublicSurfaceTest
class UploadFromUrlIntegrationTests {

    private static final int MB = 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    PlatformStub host;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        host = new PlatformStub();
        host.answer(request -> PlatformStub.Answer.json(404, "{}"));
        tenant = Tenant.create(new HeraldClient(port));
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    @Test
    void storesThePngAtTheUrlAndServesTheSameBytesAtItsPath() throws Exception {
        var png = Samples.png();
        // the host's content type is not trusted: the bytes say it is a png
        var url = host.serve("cat.png", "application/octet-stream", png);

        var response = fromUrl("{\"url\":\"" + url + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        var id = response.json().path("id").asString();
        var name = response.json().path("name").asString();
        assertThat(name).matches("[0-9a-f]{32}\\.png");
        assertAnswer(response, 201, """
                {"id":"%s","name":"%s","originalName":"cat.png","path":"http://127.0.0.1:%d/media/%s","thumbnail":null,"alt":null}
                """.formatted(id, name, port, name));
        var served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(response.json().path("path").asString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.body()).isEqualTo(png);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void refusesAFileOverTheImageLimitAndStoresNothing() {
        var url = host.serve("big.png", "image/png", Samples.pngOfSize(MB + 1));
        var before = mediaRows();

        assertAnswer(fromUrl("{\"url\":\"" + url + "\"}"), 413, """
                {"statusCode":413,"message":"Request entity too large","error":"Payload Too Large"}""");
        assertThat(mediaRows()).isEqualTo(before);
    }

    @Test
    void refusesWhatIsNoImageOrVideoAndStoresNothing() {
        var url = host.serve("page.png", "image/png", Samples.text());
        var before = mediaRows();

        assertAnswer(fromUrl("{\"url\":\"" + url + "\"}"), 400, """
                {"statusCode":400,"message":"Unsupported file type.","error":"Bad Request"}""");
        assertThat(mediaRows()).isEqualTo(before);
    }

    @Test
    void refusesAUrlItCannotFetchFromWithWhatWentWrong() {
        var before = mediaRows();

        assertAnswer(fromUrl("{\"url\":\"" + host.url("/gone.png?token=secret") + "\"}"), 400, """
                {"statusCode":400,"message":"image host 127.0.0.1 refused it (HTTP 404)","error":"Bad Request"}""");
        assertAnswer(fromUrl("{\"url\":\"ftp://files.example.test/a.png\"}"), 400, """
                {"statusCode":400,"message":"Image ftp://files.example.test/a.png is not an http(s) URL","error":"Bad Request"}""");
        assertAnswer(fromUrl("{\"url\":\"file:///etc/passwd\"}"), 400, """
                {"statusCode":400,"message":"Image file:///etc/passwd is not an http(s) URL","error":"Bad Request"}""");
        assertThat(mediaRows()).isEqualTo(before);
    }

    @Test
    void refusesABodyWithoutAUrl() {
        for (var body : List.of("{}", "{\"url\":7}", "{\"url\":\"\"}", "[]", "")) {
            assertAnswer(fromUrl(body), 400, """
                    {"statusCode":400,"message":["url must be a URL address"],"error":"Bad Request"}""");
        }
    }

    private HeraldClient.Response fromUrl(String body) {
        return tenant.post("/public/v1/upload-from-url", body);
    }

    private long mediaRows() {
        return jdbc.sql("select count(*) from media where organization_id = cast(:organization as uuid)")
                .param("organization", tenant.id())
                .query(Long.class)
                .single();
    }
}
