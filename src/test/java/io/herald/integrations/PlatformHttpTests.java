package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The failure policy every publisher relies on, against a real local server. */
class PlatformHttpTests {

    private final PlatformStub platform = new PlatformStub();

    private final PlatformHttp http = http(true, uri -> false);

    private static PlatformHttp http(boolean allowPrivateHosts, Predicate<URI> ownMedia) {
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
                .isThrownBy(() -> http(false, uri -> false).fetchImage(url))
                .withMessage(
                        "Image " + platform.url("/secret.png") + " is on a private network address (127.0.0.1); Herald"
                                + " fetches images only from public hosts and from itself"
                                + " (herald.platforms.image.allow-private-hosts)");
        assertThat(platform.received()).isEmpty();
    }

    @Test
    void fetchesAnImageFromItsOwnMediaWhateverTheAddress() {
        platform.answer(request -> Answer.bytes(200, "image/png", new byte[] {1, 2, 3}));
        var own = URI.create(platform.url("/"));

        var image = http(false, uri -> uri.getPort() == own.getPort()).fetchImage(platform.url("/uploads/a.png"));

        assertThat(image.bytes()).containsExactly(1, 2, 3);
        assertThat(platform.received("/uploads/a.png")).hasSize(1);
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
