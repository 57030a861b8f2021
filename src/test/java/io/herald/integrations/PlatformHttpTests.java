package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.herald.media.MediaFiles;
import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The failure policy every publisher relies on, against a real local server. */
class PlatformHttpTests {

    private final PlatformStub platform = new PlatformStub();

    private final PlatformHttp http = http(true, OwnMedia.NONE);

    private static PlatformHttp http(boolean allowPrivateHosts, OwnMedia ownMedia) {
        return new PlatformHttp(
                properties(allowPrivateHosts), JsonMapper.builder().build(), ownMedia);
    }

    static PlatformProperties properties(boolean allowPrivateHosts) {
        return new PlatformProperties(
                Duration.ofSeconds(2),
                Duration.ofMillis(500),
                new PlatformProperties.Retry(3, Duration.ofMillis(10)),
                new PlatformProperties.Image(DataSize.ofMegabytes(1), Duration.ofSeconds(2), allowPrivateHosts),
                new PlatformProperties.MediaProcessing(Duration.ofMillis(10), Duration.ofSeconds(1)),
                DataSize.ofMegabytes(1));
    }

    @AfterEach
    void tearDown() {
        platform.close();
    }

    @Test
    void refusesAnImageOnAPrivateAddressWithoutFetchingIt() {
        platform.answer(request -> Answer.bytes(200, "image/png", new byte[] {1, 2, 3}));
        var url = platform.url("/secret.png?token=abc");

        assertThatExceptionOfType(PlatformException.class)
                .isThrownBy(() -> http(false, OwnMedia.NONE).fetchImage(url))
                .withMessage(
                        "Image " + platform.url("/secret.png") + " is on a private network address (127.0.0.1); Herald"
                                + " fetches images only from public hosts and from itself"
                                + " (herald.platforms.image.allow-private-hosts)");
        assertThat(platform.received()).isEmpty();
    }

    /** Herald's own media come from its media store, whatever the address: there is no request at all. */
    @Test
    void readsAnImageOfItsOwnMediaFromTheStoreWithoutFetchingIt() {
        platform.answer(request -> Answer.bytes(200, "image/png", new byte[] {9}));

        var image =
                http(false, ownMedia(Map.of("a.png", new byte[] {1, 2, 3}))).fetchImage(platform.url("/media/a.png"));

        assertThat(image.bytes()).containsExactly(1, 2, 3);
        assertThat(image.contentType()).isEqualTo("image/png");
        assertThat(image.fileName()).isEqualTo("a.png");
        assertThat(platform.received()).isEmpty();
    }

    @Test
    void failsAnImageOfItsOwnMediaThatIsNotStoredOrOverTheLimit() {
        var http = http(false, ownMedia(Map.of("big.png", new byte[(1 << 20) + 1])));

        assertThatExceptionOfType(PlatformException.class)
                .isThrownBy(() -> http.fetchImage(platform.url("/media/gone.png?sig=secret")))
                .withMessage("Image " + platform.url("/media/gone.png") + " is not among Herald's uploads");
        assertThatExceptionOfType(PlatformException.class)
                .isThrownBy(() -> http.fetchImage(platform.url("/media/big.png")))
                .withMessage("Image " + platform.url("/media/big.png") + " is larger than 1048576 bytes");
        assertThat(platform.received()).isEmpty();
    }

    @Test
    void failsAnImageOfItsOwnMediaWhenTheStoreCannotBeRead() {
        var own = URI.create(platform.url("/"));
        var http = http(
                false,
                new OwnMedia(uri -> uri.getPort() == own.getPort() ? Optional.of("a.png") : Optional.empty(), name -> {
                    throw new IOException("Cannot find a.png in bucket media: connection refused");
                }));

        assertThatExceptionOfType(PlatformException.class)
                .isThrownBy(() -> http.fetchImage(platform.url("/media/a.png")))
                .withMessage("Image " + platform.url("/media/a.png") + " could not be read from Herald's media store");
    }

    /** Herald's own media: the files of {@code files}, at {@code /media/<name>} on the platform stub's host. */
    private OwnMedia ownMedia(Map<String, byte[]> files) {
        var own = URI.create(platform.url("/"));
        return new OwnMedia(
                uri -> uri.getPort() == own.getPort() && uri.getPath().startsWith("/media/")
                        ? Optional.of(uri.getPath().substring("/media/".length()))
                        : Optional.empty(),
                name -> Optional.ofNullable(files.get(name))
                        .map(bytes ->
                                new MediaFiles.MediaFile("image/png", bytes.length, new ByteArrayInputStream(bytes))));
    }

    @Test
    void doesNotRepeatACallThatIsNotIdempotentAfterA5xx() {
        platform.answer(request -> Answer.json(503, "{\"error\":\"busy\"}"));

        assertThatExceptionOfType(PlatformException.class)
                .isThrownBy(() -> send(false))
                .withMessage("the platform answered HTTP 503: busy");
        assertThat(platform.received()).hasSize(1);
    }

    @Test
    void doesNotRepeatACallThatIsNotIdempotentAfterATimeout() {
        platform.answer(request -> Answer.json(200, "{}").after(() -> pause(Duration.ofMillis(1500))));

        assertThatExceptionOfType(PlatformException.class)
                .isThrownBy(() -> send(false))
                .withMessage("the platform did not answer in time; the outcome is unknown");
        assertThat(platform.received()).hasSize(1);
    }

    @Test
    void doesNotRepeatACallThatIsNotIdempotentWhenTheConnectionDrops() {
        platform.answer(request -> Answer.dropConnection());

        assertThatExceptionOfType(PlatformException.class)
                .isThrownBy(() -> send(false))
                .withMessageStartingWith("the connection to the platform failed")
                .withMessageEndingWith("the outcome is unknown");
        assertThat(platform.received()).hasSize(1);
    }

    @Test
    void repeatsAnIdempotentCallAfterATimeout() {
        var calls = new AtomicInteger();
        platform.answer(request -> calls.incrementAndGet() == 1
                ? Answer.json(200, "{\"id\":\"late\"}").after(() -> pause(Duration.ofMillis(1500)))
                : Answer.json(200, "{\"id\":\"on time\"}"));

        assertThat(send(true).body()).isEqualTo("{\"id\":\"on time\"}");
        assertThat(platform.received()).hasSize(2);
    }

    @Test
    void neverRepeatsA4xx() {
        platform.answer(request -> Answer.json(400, "{\"error\":\"InvalidRequest\",\"message\":\"Invalid record\"}"));

        assertThatExceptionOfType(PlatformException.class)
                .isThrownBy(() -> send(true))
                .withMessage("the platform refused it (HTTP 400): InvalidRequest: Invalid record");
        assertThat(platform.received()).hasSize(1);
    }

    private java.net.http.HttpResponse<String> send(boolean idempotent) {
        return http.send(
                "the platform",
                () -> http.request(URI.create(platform.url("/call")))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                idempotent);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
