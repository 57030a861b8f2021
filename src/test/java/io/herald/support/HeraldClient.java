package io.herald.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP against a running Herald, as a client would send it. */
public final class HeraldClient {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public HeraldClient(int port) {
        this("http://127.0.0.1:" + port);
    }

    public HeraldClient(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public Response get(String path, String authorization) {
        return send("GET", path, authorization, null);
    }

    public Response post(String path, String authorization, String body) {
        return send("POST", path, authorization, body);
    }

    public Response put(String path, String authorization, String body) {
        return send("PUT", path, authorization, body);
    }

    public Response patch(String path, String authorization, String body) {
        return send("PATCH", path, authorization, body);
    }

    public Response delete(String path, String authorization) {
        return send("DELETE", path, authorization, null);
    }

    /** Sends exactly this; {@code authorization} null means no header. */
    public Response send(String method, String path, String authorization, String body) {
        return send(method, path, authorization, body, Map.of());
    }

    /** Sends exactly this, with these headers too. */
    public Response send(String method, String path, String authorization, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request.build());
    }

    public Response send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, HttpHeaders headers) {

        public JsonNode json() {
            return json.readTree(body);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }
}
