import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook receiver of {@code deploy/smoke.sh}, run by {@code java SmokeReceiver.java ADDRESS
 * SECRET DIRECTORY} (a JDK runs a single source file as it is). It listens on a free port of ADDRESS
 * and writes that port to DIRECTORY/port. Each delivery to {@code /hook/NAME} is kept as
 * DIRECTORY/deliveries/N.json: {@code {"hook","signature":"valid"|"invalid","fresh","releaseId",
 * "releaseUrl","delivery":<the body>}}. A correctly signed delivery is answered
 * {@code {"id":releaseId,"url":releaseUrl}}, which Herald records as the post's release (spec §5.1);
 * a wrong signature gets 401, which fails the post.
 */
public class SmokeReceiver {

    /** How far the signed timestamp may be from this machine's clock. */
    private static final long FRESH_SECONDS = 300;

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java SmokeReceiver.java ADDRESS SECRET DIRECTORY");
            System.exit(2);
        }
        var secret = args[1];
        var directory = Path.of(args[2]);
        var deliveries = Files.createDirectories(directory.resolve("deliveries"));
        var count = new AtomicInteger();
        var server = HttpServer.create(new InetSocketAddress(args[0], 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook/", exchange -> {
            try (exchange) {
                receive(exchange, secret, deliveries, count.incrementAndGet());
            }
        });
        server.start();
        // Written whole, then renamed: the script never reads half a port.
        var port = directory.resolve("port.tmp");
        Files.writeString(port, Integer.toString(server.getAddress().getPort()));
        Files.move(port, directory.resolve("port"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void receive(HttpExchange exchange, String secret, Path deliveries, int number) throws IOException {
        var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        var timestamp = headers.getFirst("X-Herald-Timestamp");
        var signed = timestamp != null
                && MessageDigest.isEqual(
                        ("sha256=" + sign(secret, timestamp + "." + body)).getBytes(StandardCharsets.UTF_8),
                        String.valueOf(headers.getFirst("X-Herald-Signature")).getBytes(StandardCharsets.UTF_8));
        var fresh = timestamp != null
                && timestamp.matches("[0-9]{1,12}")
                && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) <= FRESH_SECONDS;
        var hook =
                exchange.getRequestURI().getPath().substring("/hook/".length()).replaceAll("[^A-Za-z0-9_-]", "");
        var releaseId = hook + "-" + number;
        var releaseUrl = "https://receiver.invalid/" + hook + "/" + number;
        var record = "{\"hook\":\"" + hook + "\",\"signature\":\""
                + (signed ? "valid" : "invalid") + "\",\"fresh\":" + fresh + ",\"releaseId\":\"" + releaseId
                + "\",\"releaseUrl\":\"" + releaseUrl + "\",\"delivery\":" + (body.isBlank() ? "null" : body) + "}\n";
        var file = deliveries.resolve(String.format("%05d.json", number));
        var partial = deliveries.resolve(String.format("%05d.part", number));
        Files.writeString(partial, record);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        var answer = (signed
                        ? "{\"id\":\"" + releaseId + "\",\"url\":\"" + releaseUrl + "\"}"
                        : "{\"error\":\"bad signature\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(signed ? 200 : 401, answer.length);
        exchange.getResponseBody().write(answer);
    }

    /**
     * The signature as spec §5.1 defines it, written again on purpose: this file runs on its own
     * (no Herald classes), and checks Herald as a user's receiver would.
     */
    private static String sign(String secret, String payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
