import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Helpers for bench/run.sh, run as a single source file (java bench/Tool.java ...):
 *
 * <pre>
 * receive PORT                                    a webhook receiver that answers 200 at once
 * create BASE KEY INTEGRATION COUNT FIRST_DUE STEP_MS   COUNT posts, due FIRST_DUE + i * STEP_MS
 * </pre>
 */
public class Tool {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "receive" -> receive(Integer.parseInt(args[1]));
            case "create" -> create(args[1], args[2], args[3], Integer.parseInt(args[4]), Instant.parse(args[5]),
                    Long.parseLong(args[6]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void receive(int port) throws Exception {
        // Without it the server's small answers wait for the client's delayed acknowledgement:
        // 40 ms each, which capped this receiver near 360 answers a second.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(16));
        var answer = "{}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (var out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    static void create(String base, String key, String integration, int count, Instant firstDue, long stepMillis)
            throws Exception {
        var http = HttpClient.newHttpClient();
        var pool = Executors.newFixedThreadPool(16);
        var futures = new ArrayList<Future<Integer>>();
        for (int i = 0; i < count; i++) {
            var due = firstDue.plusMillis(i * stepMillis);
            var body = """
                    {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                     "posts":[{"integration":{"id":"%s"},"value":[{"content":"drain %d"}]}]}"""
                    .formatted(due, integration, i);
            futures.add(pool.submit(() -> http.send(
                            HttpRequest.newBuilder(URI.create(base + "/public/v1/posts"))
                                    .header("Authorization", key)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode()));
        }
        var failed = 0;
        for (var future : futures) {
            if (future.get() != 201) {
                failed++;
            }
        }
        pool.shutdown();
        if (failed > 0) {
            throw new IllegalStateException(failed + " creates failed");
        }
    }
}
