package io.herald.media;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.Multipart;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code upload-from-url} as deployed ({@code herald.platforms.image.allow-private-hosts=false}): a
 * client cannot make Herald read its own network, only public hosts and Herald's own media.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "herald.publishing.enabled=false",
            "herald.platforms.image.allow-private-hosts=false",
            "herald.public-url=http://127.0.0.1:${local.server.port}",
            "spring.quartz.properties.org.quartz.scheduler.instanceName=herald-upload-guard"
        })
class UploadFromUrlGuardIntegrationTests {

    private static final String PRIVATE = "{\"statusCode\":400,\"message\":\"Image %s is on a private network"
            + " address (%s); Herald fetches images only from public hosts and from itself"
            + " (herald.platforms.image.allow-private-hosts)\",\"error\":\"Bad Request\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    PlatformStub host;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        host = new PlatformStub();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    @Test
    void refusesLoopbackAndPrivateAddressesWithoutAskingThemAndStoresNothing() {
        var loopback = host.serve("secret.png", "image/png", Samples.png());
        var before = mediaRows();

        assertAnswer(fromUrl(loopback), 400, PRIVATE.formatted(loopback, "127.0.0.1"));
        assertAnswer(fromUrl("http://10.1.2.3/a.png"), 400, PRIVATE.formatted("http://10.1.2.3/a.png", "10.1.2.3"));
        assertAnswer(
                fromUrl("http://169.254.169.254/latest/meta-data"),
                400,
                PRIVATE.formatted("http://169.254.169.254/latest/meta-data", "169.254.169.254"));
        assertAnswer(
                fromUrl("http://[::1]:" + port + "/a.png"),
                400,
                PRIVATE.formatted("http://[::1]:" + port + "/a.png", "0:0:0:0:0:0:0:1"));
        assertThat(host.received()).isEmpty();
        assertThat(mediaRows()).isEqualTo(before);
    }

    /** Herald's own media are read from its store, whatever their address. */
    @Test
    void takesAFileOfItsOwnMedia() {
        var png = Samples.png();
        var uploaded = tenant.client()
                .send(new Multipart()
                        .file("file", "own.png", "image/png", png)
                        .post(tenant.client().base() + "/public/v1/upload", tenant.apiKey()));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);

        var copied = fromUrl(uploaded.json().path("path").asString());

        assertThat(copied.status()).as(copied.body()).isEqualTo(201);
        assertThat(copied.json().path("id").asString())
                .isNotEqualTo(uploaded.json().path("id").asString());
        assertThat(jdbc.sql("select size_bytes from media where id = cast(:id as uuid)")
                        .param("id", copied.json().path("id").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(png.length);
    }

    private HeraldClient.Response fromUrl(String url) {
        return tenant.post("/public/v1/upload-from-url", "{\"url\":\"" + url + "\"}");
    }

    private long mediaRows() {
        return jdbc.sql("select count(*) from media where organization_id = cast(:organization as uuid)")
                .param("organization", tenant.id())
                .query(Long.class)
                .single();
    }
}
