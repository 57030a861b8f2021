package io.herald.integrations;

import io.herald.media.MediaFiles;
import io.herald.web.PublicUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call to a platform goes through here, and so does the failure policy: a post is sent at
 * most once. A call is repeated only when repeating it cannot publish twice: when the connection
 * was refused (nothing was sent) or when the platform deduplicates it (an idempotency key, a
 * delivery id). A 4xx answer is final.
 */
@Component
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformHttp {

    private static final Logger log = LoggerFactory.getLogger(PlatformHttp.class);

    /** When the publication this thread is sending must be done by ({@link System#nanoTime()}); none outside one. */
    private static final ThreadLocal<Long> deadline = new ThreadLocal<>();

    private final HttpClient client;

    private final PlatformProperties properties;

    private final JsonMapper json;

    /** Herald's own media ({@code <herald.public-url>/media/...}) are read from the media store, never fetched. */
    private final OwnMedia ownMedia;

    private final PublicFetch fetch;

    @Autowired
    PlatformHttp(PlatformProperties properties, JsonMapper json, PublicUrl publicUrl, MediaFiles media) {
        this(
                properties,
                json,
                new OwnMedia(publicUrl::mediaName, media),
                HostResolver.SYSTEM,
                NetworkAddresses::isPublic);
    }

    PlatformHttp(PlatformProperties properties, JsonMapper json, OwnMedia ownMedia) {
        this(properties, json, ownMedia, HostResolver.SYSTEM, NetworkAddresses::isPublic);
    }

    /**
     * @param resolver how image hosts are resolved, once per fetch
     * @param publicAddress which addresses count as public
     */
    PlatformHttp(
            PlatformProperties properties,
            JsonMapper json,
            OwnMedia ownMedia,
            HostResolver resolver,
            Predicate<InetAddress> publicAddress) {
        this.properties = properties;
        this.json = json;
        this.ownMedia = ownMedia;
        this.fetch = new PublicFetch(properties, resolver, publicAddress);
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * POSTs a JSON {@code body} once to a URL a user gave (an organization webhook's), under the
     * rules of image fetches: the host is resolved once and only public addresses are connected to,
     * unless {@code allowPrivateHosts}. Answers the status code; a {@link PlatformException} says why
     * there was no answer.
     */
    public int postToUserUrl(
            URI uri, boolean allowPrivateHosts, Map<String, String> headers, String body, Duration timeout) {
        var shown = withoutSecrets(uri.toString());
        return fetch.post(
                uri,
                !allowPrivateHosts,
                headers,
                body,
                timeout,
                "the webhook " + shown,
                "Herald delivers webhooks only to public hosts (herald.events.webhooks.allow-private-hosts)");
    }

    /** A request builder with the platform timeout; callers add method, headers and body. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(properties.requestTimeout());
    }

    /**
     * Sends the request built by {@code request} (built anew for every attempt, so signatures can
     * be fresh) and answers the 2xx response; anything else ends in a {@link PlatformException}.
     *
     * @param idempotent whether the platform deduplicates this request, so a repeat after an unknown outcome is safe
     */
    public HttpResponse<String> send(String platform, Supplier<HttpRequest> request, boolean idempotent) {
        var limit = properties.maxAnswerSize().toBytes();
        return send(
                platform,
                request,
                idempotent,
                info -> HttpResponse.BodySubscribers.mapping(
                        new LimitedBody(limit), bytes -> bytes == null ? null : new String(bytes, charset(info))));
    }

    /** The answer's declared charset, UTF-8 when it declares none (or one the JDK does not know). */
    private static Charset charset(HttpResponse.ResponseInfo info) {
        var type = info.headers().firstValue("Content-Type").orElse("");
        var at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        var name = type.substring(at + 8).split(";")[0].trim().replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * As {@link #send(String, Supplier, boolean)}, reading the body as JSON. A 2xx means the
     * platform acted, so a body that is not JSON is not a failure: it reads as a missing node.
     */
    public JsonNode sendForJson(String platform, Supplier<HttpRequest> request, boolean idempotent) {
        var body = send(platform, request, idempotent).body();
        if (body == null) {
            log.warn(
                    "{} accepted the request but answered more than {} bytes, which were not read",
                    platform,
                    properties.maxAnswerSize().toBytes());
            return json.missingNode();
        }
        try {
            return body.isBlank() ? json.missingNode() : json.readTree(body);
        } catch (JacksonException e) {
            log.warn("{} accepted the request but answered with a body that is not JSON", platform);
            return json.missingNode();
        }
    }

    /**
     * Fetches an image from its public {@code path}: http(s) only, at most the configured size and
     * time, from a public address (see {@link PublicFetch}); Herald's own media are read from its
     * media store instead (see {@link OwnMedia}).
     */
    public FetchedImage fetchImage(String path) {
        URI uri;
        try {
            uri = URI.create(path.trim());
        } catch (IllegalArgumentException e) {
            throw new PlatformException("Image " + withoutSecrets(path) + " is not a URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new PlatformException("Image " + withoutSecrets(path) + " is not an http(s) URL");
        }
        if (uri.getHost() == null) {
            throw new PlatformException("Image " + withoutSecrets(path) + " has no host");
        }
        var image = properties.image();
        var limit = image.maxSize().toBytes();
        var shown = withoutSecrets(path);
        var fetched = ownMedia.read(uri, limit, shown)
                .orElseGet(() -> fetch.get(uri, !image.allowPrivateHosts(), limit, image.timeout(), shown));
        var name = uri.getPath() == null || uri.getPath().isEmpty()
                ? "image"
                : uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
        return new FetchedImage(fetched.bytes(), fetched.contentType(), name.isEmpty() ? "image" : name);
    }

    /**
     * A URL as errors, logs and metrics may show it: scheme, host, port and path, without user
     * info, query or fragment, which can hold credentials (a pre-signed link, a token).
     */
    public static String withoutSecrets(String url) {
        try {
            var uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                var cut = uri.getRawSchemeSpecificPart() == null ? "" : uri.getRawSchemeSpecificPart();
                return (uri.getScheme() == null ? "" : uri.getScheme() + ":") + cut.split("\\?")[0];
            }
            var host = uri.getHost() != null
                    ? uri.getHost()
                    : uri.getRawAuthority().replaceFirst("^.*@", "");
            return uri.getScheme() + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (URISyntaxException e) {
            // not a URL: whatever precedes a query or fragment, and no user info
            return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@", "$1")
                    .split("[?#]")[0];
        }
    }

    private <T> HttpResponse<T> send(
            String platform, Supplier<HttpRequest> request, boolean idempotent, HttpResponse.BodyHandler<T> handler) {
        var attempts = properties.retry().attempts();
        var backoff = properties.retry().backoff();
        for (int attempt = 1; ; attempt++) {
            if (nanosLeft() == 0) {
                throw new PlatformException("Herald gave up before calling " + platform
                        + ": the publication took longer than its time" + " limit (herald.publishing.send-timeout)");
            }
            String failure;
            boolean repeatable;
            boolean unknown;
            Duration wait = backoff;
            HttpResponse<T> answered = null;
            try {
                var response = exchange(request.get(), handler);
                var status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response;
                }
                var message = platformMessage(response);
                if (status != 408 && status != 429 && status < 500) {
                    throw new PlatformRefusedException(
                            platform + " refused it (HTTP " + status + "): " + message, response, false);
                }
                failure = platform + " answered HTTP " + status + ": " + message;
                repeatable = idempotent;
                // a server error may come after the platform acted; 408 and 429 say it did not
                unknown = status >= 500;
                wait = retryAfter(response).orElse(backoff);
                answered = response;
            } catch (ConnectException | HttpConnectTimeoutException e) {
                failure = "could not connect to " + platform + ": " + describe(e);
                repeatable = true;
                unknown = false;
            } catch (HttpTimeoutException e) {
                failure = platform + " did not answer in time; the outcome is unknown";
                repeatable = idempotent;
                unknown = true;
            } catch (IOException e) {
                failure = "the connection to " + platform + " failed (" + describe(e) + "); the outcome is unknown";
                repeatable = idempotent;
                unknown = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while calling " + platform + "; the outcome is unknown", true);
            }
            if (!repeatable || attempt >= attempts || nanosLeft() <= wait.toNanos()) {
                throw answered != null
                        ? new PlatformRefusedException(failure, answered, unknown)
                        : new PlatformException(failure, unknown);
            }
            log.warn("Attempt {} of {} failed, retrying in {}: {}", attempt, attempts, wait, failure);
            sleep(wait);
            backoff = backoff.multipliedBy(2);
        }
    }

    /**
     * Runs {@code send} (one publication) with every platform call it makes bounded to end within
     * {@code limit} from now: each request's timeout is cut to what is left, no retry waits past it,
     * and no call starts after it. Calls on other threads are not bounded.
     */
    public <T> T within(Duration limit, Supplier<T> send) {
        var outer = deadline.get();
        deadline.set(System.nanoTime() + limit.toNanos());
        try {
            return send.get();
        } finally {
            if (outer == null) {
                deadline.remove();
            } else {
                deadline.set(outer);
            }
        }
    }

    /** Nanoseconds left of this thread's publication ({@link #within}); unbounded outside one. */
    private static long nanosLeft() {
        var end = deadline.get();
        return end == null ? Long.MAX_VALUE : Math.max(0, end - System.nanoTime());
    }

    /**
     * One request, bounded as a whole by its timeout: the client's own timeout ends when the headers
     * arrive, and a body that trickles would otherwise hold a sender (and its post) without end.
     */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        var future = client.sendAsync(request, handler);
        var timeout = request.timeout().orElse(properties.requestTimeout());
        try {
            return future.get(Math.min(timeout.toNanos(), nanosLeft()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer in time");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Collects a body up to {@code limit} bytes; a longer one is dropped and reads as null. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long limit;

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();

        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (var buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    body.complete(null);
                    return;
                }
                var chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }

    private String platformMessage(HttpResponse<?> response) {
        if (response.body() == null) {
            // longer than herald.platforms.max-answer-size: dropped unread
            return "(an answer of more than " + properties.maxAnswerSize().toBytes() + " bytes, not read)";
        }
        var body = response.body() instanceof String text ? text : null;
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            var node = json.readTree(body);
            // XRPC (Bluesky) answers {"error":"InvalidRequest","message":"<what is wrong>"}: both say something
            if (node.path("error").isString() && node.path("message").isString()) {
                return node.path("error").asString() + ": "
                        + node.path("message").asString();
            }
            for (var field : new String[] {"error_description", "error", "message", "msg"}) {
                if (node.path(field).isString()) {
                    return node.path(field).asString();
                }
            }
        } catch (JacksonException e) {
            // not JSON: the text itself says it
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(PlatformHttp::retryAfter);
    }

    /** A {@code Retry-After} in seconds, at most a minute; empty when it is not a number. */
    static java.util.Optional<Duration> retryAfter(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(value.trim()), 60)));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while waiting to retry");
        }
    }

    /** An image's bytes, its content type as the host declared it, and a file name for it. */
    public record FetchedImage(byte[] bytes, String contentType, String fileName) {}
}
