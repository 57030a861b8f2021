package io.herald.support;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** A multipart/form-data request as the Postiz clients build it: one part per field. */
public final class Multipart {

    private final String boundary = "----herald" + UUID.randomUUID().toString().replace("-", "");

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public Multipart file(String field, String filename, String contentType, byte[] content) {
        return part("form-data; name=\"" + field + "\"; filename=\"" + filename + "\"", contentType, content);
    }

    /** A file part with exactly this {@code Content-Disposition} (an RFC 2231 {@code filename*}, say). */
    public Multipart part(String disposition, String contentType, byte[] content) {
        text("--" + boundary + "\r\n");
        text("Content-Disposition: " + disposition + "\r\n");
        text("Content-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(content);
        text("\r\n");
        return this;
    }

    public Multipart field(String field, String value) {
        text("--" + boundary + "\r\n");
        text("Content-Disposition: form-data; name=\"" + field + "\"\r\n\r\n");
        text(value + "\r\n");
        return this;
    }

    public HttpRequest post(String url, String authorization) {
        text("--" + boundary + "--\r\n");
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private void text(String value) {
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }
}
