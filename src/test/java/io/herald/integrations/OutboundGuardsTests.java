package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.sun.net.httpserver.HttpServer;
import io.herald.media.MediaFiles;
import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a hostile host or platform cannot make Herald do: reach an internal address through a DNS
 * answer that changes (rebinding), fill the heap with a huge answer, or put a URL's credentials
 * into a post's error.
 */
class OutboundGuardsTests {

    private static final byte[] IMAGE = {1, 2, 3};

    /**
     * The host resolves to a "public" address first (127.0.0.2 stands in for one here: no test may
     * reach outside this machine) and to loopback on every later lookup, as a rebinding DNS server
     * answers. The fetch connects to the address it checked, so the internal server on loopback,
     * at the same port, sees nothing.
     */
    @Test
    void aHostWhoseAddressChangesAfterTheCheckCannotMakeHeraldFetchFromLoopback() throws Exception {
        var internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        var port = internal.getAddress().getPort();
        var outside = HttpServer.create(new InetSocketAddress("127.0.0.2", port), 0);
        var internalRequests = new CopyOnWriteArrayList<String>();
        var outsideHosts = new CopyOnWriteArrayList<String>();
        internal.createContext("/", exchange -> {
            internalRequests.add(exchange.getRequestURI().toString());
            respond(exchange, "internal secret".getBytes(StandardCharsets.UTF_8));
        });
        outside.createContext("/", exchange -> {
            outsideHosts.add(exchange.getRequestHeaders().getFirst("Host"));
            respond(exchange, IMAGE);
        });
        internal.start();
        outside.start();
        var lookups = new AtomicInteger();
        HostResolver rebinding =
                host -> List.of(InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1"));
        var http = new PlatformHttp(
                PlatformHttpTests.properties(false),
                JsonMapper.builder().build(),
                OwnMedia.NONE,
                rebinding,
                address -> address.getHostAddress().equals("127.0.0.2") || NetworkAddresses.isPublic(address));
        try {
            var image = http.fetchImage("http://rebinding.test:" + port + "/cat.png");

            assertThat(image.bytes()).containsExactly(IMAGE);
            assertThat(lookups.get()).isEqualTo(1);
            assertThat(internalRequests).isEmpty();
            assertThat(outsideHosts).containsExactly("rebinding.test:" + port);
        } finally {
            internal.stop(0);
            outside.stop(0);
        }
    }

    @Test
    void refusesAHostWithAnyPrivateAddressAmongItsAnswers() {
        try (var stub = new PlatformStub()) {
            stub.answer(request -> Answer.bytes(200, "image/png", IMAGE));
            var port = URI.create(stub.url("/")).getPort();
            HostResolver mixed = host -> List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("127.0.0.1"));
            var http = new PlatformHttp(
                    PlatformHttpTests.properties(false),
                    JsonMapper.builder().build(),
                    OwnMedia.NONE,
                    mixed,
                    NetworkAddresses::isPublic);

            assertThatExceptionOfType(PlatformException.class)
                    .isThrownBy(() -> http.fetchImage("http://mixed.test:" + port + "/a.png?sig=secret"))
                    .withMessage("Image http://mixed.test:" + port + "/a.png is on a private network address"
                            + " (127.0.0.1); Herald fetches images only from public hosts and from itself"
                            + " (herald.platforms.image.allow-private-hosts)");
            assertThat(stub.received()).isEmpty();
        }
    }

    /** Herald's own host is exempt from the address check for its media only, which come from the store (see PublicUrlTests). */
    @Test
    void refusesAnImageOnHeraldsOwnHostOutsideItsMedia() {
        try (var stub = new PlatformStub()) {
            stub.answer(request -> Answer.bytes(200, "image/png", IMAGE));
            var own = URI.create(stub.url("/"));
            var http = new PlatformHttp(
                    PlatformHttpTests.properties(false),
                    JsonMapper.builder().build(),
                    new OwnMedia(
                            uri -> uri.getPort() == own.getPort()
                                            && uri.getPath().startsWith("/media/")
                                    ? Optional.of("a.png")
                                    : Optional.empty(),
                            name -> Optional.of(new MediaFiles.MediaFile(
                                    "image/png", IMAGE.length, new ByteArrayInputStream(IMAGE)))));

            assertThat(http.fetchImage(stub.url("/media/a.png")).bytes()).containsExactly(IMAGE);
            assertThatExceptionOfType(PlatformException.class)
                    .isThrownBy(() -> http.fetchImage(stub.url("/admin/v1/organizations")))
                    .withMessageContaining("is on a private network address (127.0.0.1)");
            assertThat(stub.received()).isEmpty();
        }
    }

    /**
     * A platform that answers 50 MB: Herald reads its first megabyte, stops, and drops the
     * connection. What the server manages to write is that megabyte and what the sockets' buffers
     * take, never the whole answer.
     */
    @ParameterizedTest
    @CsvSource({"200", "500"})
    void readsNoMoreOfAPlatformsAnswerThanTheCap(int status) throws Exception {
        try (var server = new HugeAnswer(status, "application/json", 50 << 20)) {
            var http = new PlatformHttp(
                    PlatformHttpTests.properties(true), JsonMapper.builder().build(), OwnMedia.NONE);
            var call = (java.util.function.Supplier<HttpRequest>) () -> http.request(URI.create(server.url()))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();

            if (status == 200) {
                assertThat(http.sendForJson("the platform", call, false).isMissingNode())
                        .isTrue();
            } else {
                assertThatExceptionOfType(PlatformException.class)
                        .isThrownBy(() -> http.sendForJson("the platform", call, false))
                        .withMessage(
                                "the platform answered HTTP 500: (an answer of more than 1048576 bytes, not read)");
            }

            assertThat(server.written()).isBetween(1L << 20, 16L << 20);
        }
    }

    @Test
    void readsNoMoreOfAnImageThanItsCap() throws Exception {
        try (var server = new HugeAnswer(200, "image/png", 50 << 20)) {
            var http = new PlatformHttp(
                    PlatformHttpTests.properties(true), JsonMapper.builder().build(), OwnMedia.NONE);

            assertThatExceptionOfType(PlatformException.class)
                    .isThrownBy(() -> http.fetchImage(server.url() + "?token=secret"))
                    .withMessage("Image " + server.url() + " is larger than 1048576 bytes");
            assertThat(server.written()).isLessThan(16L << 20);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://user:pw@cdn.test:8443/a/b.png?X-Amz-Signature=abc#frag | https://cdn.test:8443/a/b.png",
                "http://cdn.test/a.png?token=t                                   | http://cdn.test/a.png",
                "https://cdn.test                                                | https://cdn.test",
                "https://us er:p@cdn.test/a b.png?k=v                            | https://cdn.test/a b.png",
                "/local/a.png?x=1                                                | /local/a.png"
            })
    void showsAUrlWithoutItsUserInfoOrQuery(String url, String shown) {
        assertThat(PlatformHttp.withoutSecrets(url)).isEqualTo(shown);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** One answer of {@code size} bytes, written as fast as the client takes them; counts what it wrote. */
    private static final class HugeAnswer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));

        private final AtomicLong written = new AtomicLong();

        private final CompletableFuture<Void> done;

        HugeAnswer(int status, String contentType, long size) throws IOException {
            done = CompletableFuture.runAsync(() -> {
                try (var connection = socket.accept()) {
                    var in = connection.getInputStream();
                    // the request: headers, then the small body
                    var head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        head.append((char) in.read());
                    }
                    OutputStream out = connection.getOutputStream();
                    out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                                    + size + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    var chunk = new byte[64 * 1024];
                    while (written.get() < size) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // the client stopped reading and closed the connection
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/answer";
        }

        /** What the server wrote before the client hung up (waits for that). */
        long written() throws Exception {
            done.get(30, TimeUnit.SECONDS);
            return written.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
