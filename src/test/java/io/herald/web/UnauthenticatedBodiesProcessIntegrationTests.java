package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A gigabyte of form body, sent without a credential to a server with a 256 MB heap, is answered
 * without being read: refused by its declared length (413) or by the route (401, 404), and the
 * heap never fills. Before the body limit applied to every path (and Spring's form filter was
 * turned off), three such requests were three {@code OutOfMemoryError}s.
 */
class UnauthenticatedBodiesProcessIntegrationTests {

    private static final long GIGABYTE = 1L << 30;

    private static HeraldProcess herald;

    @BeforeAll
    static void start() {
        herald = HeraldProcess.start();
    }

    @AfterAll
    static void stop() {
        herald.close();
    }

    @ParameterizedTest
    @CsvSource({
        "PUT,    /anything,          false, 413",
        "PUT,    /anything,          true,  404",
        "DELETE, /public/v1/posts/x, false, 413",
        "DELETE, /public/v1/posts/x, true,  401",
        "PATCH,  /admin/v1/integrations/x, true, 401"
    })
    void answersAGigabyteFormBodyWithoutReadingIt(String method, String path, boolean chunked, int status)
            throws Exception {
        var sent = new AtomicLong();

        var answer = send(method, path, chunked, sent);

        assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
        // Tomcat swallows at most 2 MB of an unread body before it closes the connection; socket
        // buffers hold a few more. Far from the gigabyte, which a reading server would have taken.
        assertThat(sent.get()).isLessThan(64L << 20);
        assertThat(Files.readString(herald.log())).doesNotContain("OutOfMemoryError");
        assertThat(herald.client().get("/actuator/health", null).status()).isEqualTo(200);
    }

    /**
     * Streams up to a gigabyte of {@code a=bbbb...} made on the fly (nothing of it is held) while
     * another thread waits for the status line; sending stops as soon as it comes.
     */
    private static String send(String method, String path, boolean chunked, AtomicLong sent) throws Exception {
        try (var socket = new Socket("127.0.0.1", herald.port())) {
            var out = socket.getOutputStream();
            var head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + GIGABYTE + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            var writer = new Thread(() -> stream(out, chunked, sent), "gigabyte-writer");
            writer.setDaemon(true);
            writer.start();
            socket.setSoTimeout(30_000);
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var status = in.readLine();
            socket.close();
            writer.join(10_000);
            return status == null ? "(connection closed without an answer)" : status;
        }
    }

    private static void stream(OutputStream out, boolean chunked, AtomicLong sent) {
        var chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'b');
        chunk[0] = 'a';
        chunk[1] = '=';
        var chunkHeader = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        var crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
            while (sent.get() < GIGABYTE) {
                if (chunked) {
                    out.write(chunkHeader);
                }
                out.write(chunk);
                if (chunked) {
                    out.write(crlf);
                }
                sent.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // the server answered and closed the connection, or the test closed it: either way, done
        }
    }
}
