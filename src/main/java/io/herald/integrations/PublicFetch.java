package io.herald.integrations;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a file from a URL a client gave (an image's {@code path}), so the host is not trusted:
 * it is resolved once, through {@link HostResolver}, every address is checked, and the connection
 * goes to those addresses and no others. A DNS answer that changes between the check and the
 * connection (rebinding) cannot reach an internal address: there is no second lookup. The host
 * name still goes into the {@code Host} header and TLS (SNI, certificate check), as the client
 * resolves nothing itself (Apache HttpClient's {@link DnsResolver} hook; the JDK's client has none).
 *
 * <p>A GET repeats safely, so connection failures, timeouts, 408, 429 and 5xx are retried like any
 * idempotent platform call. The body is read up to its limit and no further.
 */
final class PublicFetch {

    private static final Logger log = LoggerFactory.getLogger(PublicFetch.class);

    private final PlatformProperties properties;

    private final HostResolver resolver;

    private final Predicate<InetAddress> allowed;

    /** @param allowed whether an address may be connected to ({@link NetworkAddresses#isPublic} but where the settings say otherwise) */
    PublicFetch(PlatformProperties properties, HostResolver resolver, Predicate<InetAddress> allowed) {
        this.properties = properties;
        this.resolver = resolver;
        this.allowed = allowed;
    }

    /**
     * The body of {@code uri}, at most {@code limit} bytes, fetched within {@code timeout}.
     *
     * @param checked whether the addresses must pass the check (false with {@code herald.platforms.image.allow-private-hosts})
     * @param shown the URL as messages may show it (no query, no user info)
     */
    Fetched get(URI uri, boolean checked, long limit, Duration timeout, String shown) {
        var host = uri.getHost();
        var addresses = addresses(
                host,
                checked,
                "Image " + shown,
                "Herald fetches images only from public hosts and from itself (herald.platforms.image.allow-private-hosts)");
        var platform = "image host " + host;
        var attempts = properties.retry().attempts();
        var backoff = properties.retry().backoff();
        for (int attempt = 1; ; attempt++) {
            String failure;
            var wait = backoff;
            var client = client(addresses, timeout);
            try {
                var outcome = exchange(client, uri, limit, timeout, shown);
                if (outcome.fetched() != null) {
                    return outcome.fetched();
                }
                var status = outcome.status();
                if (status != 408 && status != 429 && status < 500) {
                    throw new PlatformException(platform + " refused it (HTTP " + status + ")");
                }
                failure = platform + " answered HTTP " + status;
                wait = outcome.retryAfter().orElse(backoff);
            } catch (ConnectException | ConnectTimeoutException | NoRouteToHostException e) {
                failure = "could not connect to " + platform + ": " + PlatformHttp.describe(e);
            } catch (InterruptedIOException e) {
                failure = platform + " did not answer in time";
            } catch (IOException e) {
                failure = "the connection to " + platform + " failed (" + PlatformHttp.describe(e) + ")";
            } finally {
                // at once: a graceful close would read the rest of a body that was not wanted
                client.close(CloseMode.IMMEDIATE);
            }
            if (attempt >= attempts) {
                throw new PlatformException(failure);
            }
            log.warn("Attempt {} of {} failed, retrying in {}: {}", attempt, attempts, wait, failure);
            PlatformHttp.sleep(wait);
            backoff = backoff.multipliedBy(2);
        }
    }

    /**
     * POSTs {@code body} once to {@code uri}, connecting only to the addresses its host resolves to
     * (each checked unless {@code checked} is false), within {@code timeout} as a whole; answers the
     * status code, the answer's body unread. Nothing is retried: the caller decides what a failure
     * means. A {@link PlatformException} says why nothing was answered.
     *
     * @param what the target as messages name it ("Webhook https://example.com/hook")
     * @param rule which rule refuses a private address, and which setting lifts it
     */
    int post(
            URI uri,
            boolean checked,
            Map<String, String> headers,
            String body,
            Duration timeout,
            String what,
            String rule) {
        var addresses = addresses(uri.getHost(), checked, what, rule);
        var client = client(addresses, timeout);
        var request = new HttpPost(uri);
        headers.forEach(request::setHeader);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        var deadline = CompletableFuture.runAsync(
                request::cancel, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            var response = client.executeOpen(null, request, null);
            var status = response.getCode();
            request.cancel();
            return status;
        } catch (ConnectException | ConnectTimeoutException | NoRouteToHostException e) {
            throw new PlatformException("could not connect to " + what + ": " + PlatformHttp.describe(e));
        } catch (InterruptedIOException e) {
            throw new PlatformException(what + " did not answer in time");
        } catch (IOException e) {
            if (request.isCancelled()) {
                throw new PlatformException(what + " did not answer in time");
            }
            throw new PlatformException("the connection to " + what + " failed (" + PlatformHttp.describe(e) + ")");
        } finally {
            deadline.cancel(false);
            client.close(CloseMode.IMMEDIATE);
        }
    }

    /** The host's addresses, resolved once; unless {@code checked} is false, every one must be allowed. */
    private List<InetAddress> addresses(String host, boolean checked, String what, String rule) {
        List<InetAddress> addresses;
        try {
            addresses = List.copyOf(resolver.resolve(host));
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
        } catch (UnknownHostException e) {
            throw new PlatformException(what + ": the host " + host + " is unknown");
        }
        if (checked) {
            for (var address : addresses) {
                if (!allowed.test(address)) {
                    throw new PlatformException(
                            what + " is on a private network address (" + address.getHostAddress() + "); " + rule);
                }
            }
        }
        return addresses;
    }

    /** One GET, bounded as a whole by {@code timeout}: a body that trickles cannot hold a sender longer. */
    private static Outcome exchange(CloseableHttpClient client, URI uri, long limit, Duration timeout, String shown)
            throws IOException {
        var request = new HttpGet(uri);
        var deadline = CompletableFuture.runAsync(
                request::cancel, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        // The response is never closed here: closing it reads the rest of its body (to reuse the
        // connection). An unwanted body is cut off instead, with the request, and the client closes.
        try {
            var response = client.executeOpen(null, request, null);
            var status = response.getCode();
            if (status < 200 || status >= 300) {
                request.cancel();
                return new Outcome(null, status, retryAfter(response));
            }
            try {
                return new Outcome(read(response, limit, shown), status, Optional.empty());
            } catch (PlatformException e) {
                request.cancel();
                throw e;
            }
        } catch (IOException e) {
            if (request.isCancelled()) {
                throw new InterruptedIOException("no complete answer in time");
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /** Reads no more than {@code limit} bytes: a longer body is refused, and the rest of it never read. */
    private static Fetched read(ClassicHttpResponse response, long limit, String shown) throws IOException {
        var entity = response.getEntity();
        if (entity != null && entity.getContentLength() > limit) {
            throw tooLarge(shown, limit);
        }
        byte[] bytes;
        if (entity == null) {
            bytes = new byte[0];
        } else {
            try (var in = entity.getContent()) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            }
        }
        if (bytes.length > limit) {
            throw tooLarge(shown, limit);
        }
        var header = response.getFirstHeader("Content-Type");
        var contentType = header == null
                ? "application/octet-stream"
                : header.getValue().split(";")[0].trim();
        return new Fetched(bytes, contentType);
    }

    private static PlatformException tooLarge(String shown, long limit) {
        return new PlatformException("Image " + shown + " is larger than " + limit + " bytes");
    }

    /** A client of its own for each fetch, whose only answer for any host is the checked addresses. */
    private CloseableHttpClient client(List<InetAddress> addresses, Duration timeout) {
        var pinned = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return addresses.toArray(InetAddress[]::new);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(pinned)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(timeout))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(timeout))
                        .build())
                // no proxy (it would resolve the host itself), no redirect (to anywhere), nothing kept
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    private static Optional<Duration> retryAfter(ClassicHttpResponse response) {
        var header = response.getFirstHeader("Retry-After");
        return header == null ? Optional.empty() : PlatformHttp.retryAfter(header.getValue());
    }

    record Fetched(byte[] bytes, String contentType) {}

    /** A 2xx's body, or the status (and Retry-After) of any other answer. */
    private record Outcome(Fetched fetched, int status, Optional<Duration> retryAfter) {}
}
