package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.Tenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What a person's browser does with an authorization URL: opens it at the platform (which
 * redirects it), then follows the redirect to Herald's callback, and submits a choice form.
 * Redirects are followed by hand, so a test sees each step.
 */
public final class Browser {

    private static final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final Pattern INTEGRATION = Pattern.compile("Integration <code>([0-9a-f-]{36})</code>");

    private Browser() {}

    /**
     * Connects an account of {@code provider} to the tenant's organization as a person would (the
     * platform offers one account), and answers the integration's id.
     */
    public static String connect(Tenant tenant, String provider) {
        var started = tenant.client()
                .post(
                        "/admin/v1/organizations/" + tenant.id() + "/integrations/connect",
                        Tenant.ADMIN,
                        "{\"provider\":\"" + provider + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        var page = open(authorize(started.json().path("url").asString()));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        var id = INTEGRATION.matcher(page.body());
        assertThat(id.find()).as(page.body()).isTrue();
        return id.group(1);
    }

    /** Opens the authorization URL; the platform's redirect (to the callback) is the answer. */
    public static String authorize(String authorizationUrl) {
        var answer = open(authorizationUrl);
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        return answer.location();
    }

    /** A page as the browser gets it. */
    public static Page open(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** Submits a form of the page at {@code pageUrl} to {@code action} (relative to the page). */
    public static Page submit(String pageUrl, String action, String form) {
        return send(HttpRequest.newBuilder(URI.create(pageUrl).resolve(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    private static Page send(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.body(),
                    response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Page(
            int status,
            String contentType,
            String location,
            String body,
            java.util.Map<String, java.util.List<String>> headers) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }
}
