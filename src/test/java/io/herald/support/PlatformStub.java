package io.herald.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local HTTP server standing in for a platform: it records every request and answers with what
 * the test tells it to. Answers can block (to hold a publication open) or fail.
 */
public final class PlatformStub implements AutoCloseable {

    private final HttpServer server;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private volatile Function<Received, Answer> answers = request -> Answer.json(200, "{}");

    private final Map<String, Answer> files = new java.util.concurrent.ConcurrentHashMap<>();

    public PlatformStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers every request through {@code answers} from now on. */
    public void answer(Function<Received, Answer> answers) {
        this.answers = answers;
    }

    /**
     * Serves {@code bytes} at {@code /files/<name>} (an image a post points at), before any answer
     * the test gives; answers its URL.
     */
    public String serve(String name, String contentType, byte[] bytes) {
        files.put("/files/" + name, Answer.bytes(200, contentType, bytes));
        return url("/files/" + name);
    }

    /** Serves no file any more. */
    public void forgetFiles() {
        files.clear();
    }

    /** Forgets the requests received so far. */
    public void clear() {
        received.clear();
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The {@code X-Herald-Delivery} of every request to {@code path}: one per send of a post. */
    public List<String> deliveryIds(String path) {
        return received(path).stream().map(r -> r.header("X-Herald-Delivery")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        var headers = new java.util.TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        var request = new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(),
                java.util.Collections.unmodifiableMap(headers),
                exchange.getRequestBody().readAllBytes(),
                System.currentTimeMillis());
        received.add(request);
        var file = request.method().equals("GET") ? files.get(request.path()) : null;
        var answer = file != null ? file : answers.apply(request);
        if (answer.hold() != null) {
            answer.hold().run();
        }
        if (answer.status() < 0) {
            exchange.close(); // drop the connection without an answer
            return;
        }
        var body = answer.body();
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A request as it arrived; {@code at} is when, in epoch milliseconds. */
    public record Received(
            String method, String path, String query, Map<String, String> headers, byte[] body, long at) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    /** What the stub answers; {@code hold} runs before answering (e.g. waits on a latch). */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers, Runnable hold) {

        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of(), null);
        }

        /** Any content, an image for instance. */
        public static Answer bytes(int status, String contentType, byte[] body) {
            return new Answer(status, contentType, body.clone(), Map.of(), null);
        }

        public Answer after(Runnable hold) {
            return new Answer(status, contentType, body, headers, hold);
        }

        public Answer withHeader(String name, String value) {
            var all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Answer(status, contentType, body, Map.copyOf(all), hold);
        }

        /** Closes the connection without answering. */
        public static Answer dropConnection() {
            return new Answer(-1, "", new byte[0], Map.of(), null);
        }
    }
}
