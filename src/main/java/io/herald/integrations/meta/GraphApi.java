package io.herald.integrations.meta;

import io.herald.integrations.ConfigCheck;
import io.herald.integrations.OAuthClient;
import io.herald.integrations.OAuthTokens;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.PlatformRefusedException;
import io.herald.integrations.PublishDeferredException;
import io.herald.integrations.TokenRefusedException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Meta platform's Graph API ({@code graph.facebook.com} for Facebook and Instagram,
 * {@code graph.threads.net} for Threads) as its publisher and its connection flow call it. The
 * account's token travels in the {@code Authorization} header, never in a URL; parameters go as a
 * form, as Meta's documentation sends them. Meta's answers are read here once for the three: its
 * error body, its rate limits, and the status of the media containers Instagram and Threads publish.
 *
 * <p>Calls throw {@link PlatformRefusedException} as {@link PlatformHttp} does; a publisher turns
 * one into the post's outcome with {@link #refused}, a connection flow into its page with {@link #reworded}.
 */
public final class GraphApi {

    private static final Logger log = LoggerFactory.getLogger(GraphApi.class);

    /** Graph ids: digits, or two runs of them joined by an underscore (a page's post, a comment). */
    private static final Pattern ID = Pattern.compile("[0-9]{1,40}(_[0-9]{1,40})?");

    private final String platform;

    private final URI base;

    private final PlatformHttp http;

    private final JsonMapper json;

    private final MetaProperties properties;

    private final Clock clock;

    public GraphApi(
            String platform, URI base, PlatformHttp http, JsonMapper json, MetaProperties properties, Clock clock) {
        this.platform = platform;
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    public String platform() {
        return platform;
    }

    /** {@code GET path?query} with the token; reading is always safe to repeat. */
    public JsonNode get(String token, String path, Map<String, String> query) {
        var uri = uri(path, query);
        return http.sendForJson(platform, () -> authorized(uri, token).GET().build(), true);
    }

    /**
     * {@code POST path} with the form and the token.
     *
     * @param idempotent true only for what a repeat cannot publish twice (a container, an unpublished
     *     photo: a repeat leaves one unused)
     */
    public JsonNode post(String token, String path, Map<String, String> form, boolean idempotent) {
        var uri = uri(path, Map.of());
        var body = encode(form);
        return http.sendForJson(
                platform,
                () -> authorized(uri, token)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                idempotent);
    }

    /**
     * The id Meta answered for what it just made.
     *
     * @param published whether making it published something (the post, a comment): without an id
     *     it is then probably out, and must not be sent again
     */
    public String created(JsonNode answer, String what, boolean published) {
        var id = answer.path("id").asString("");
        if (!ID.matcher(id).matches()) {
            throw new PlatformException(
                    published
                            ? platform + " accepted " + what + " but answered without its id; it is probably published"
                            : platform + " answered without an id for " + what + "; nothing was posted");
        }
        return id;
    }

    /**
     * What is wrong with a Meta integration's {@code config}: the account's numeric id in
     * {@code idField} ({@code account} names it), its token, and a refresh token where the platform
     * renews tokens.
     */
    public static List<String> configErrors(JsonNode config, String idField, String account, boolean refreshToken) {
        var check = ConfigCheck.of(config).text(idField).text("accessToken");
        if (refreshToken) {
            check.optionalText("refreshToken");
        }
        var errors = new ArrayList<>(check.errors());
        var id = config == null ? null : config.path(idField);
        if (id != null && id.isString() && !id.asString().matches("[0-9]+")) {
            errors.add("config." + idField + " must be " + account + "'s numeric id");
        }
        return errors;
    }

    /** {@code value} when it is a Graph id; ids go into paths, so nothing else may. */
    public static String id(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new PlatformException(what + " is not a Meta id: " + value);
        }
        return value;
    }

    /**
     * A publication's refusal: a rate limit defers the post ({@link GraphRateLimit}); anything else
     * fails it in Meta's words.
     */
    public PlatformException refused(PlatformRefusedException e) {
        var error = GraphError.in(e.body(), json).orElse(null);
        if (GraphRateLimit.isRateLimit(e.status(), error)) {
            var until = GraphRateLimit.retryAt(e.headers(), clock.instant(), properties.rateLimitWait(), json);
            return new PublishDeferredException(
                    platform + "'s rate limit is reached: " + (error == null ? "HTTP " + e.status() : error.said())
                            + "; the post was not published and waits until " + until,
                    until);
        }
        return reworded(e);
    }

    /** The refusal in Meta's words ({@code error.message}, its words for people, its codes); status kept. */
    public PlatformRefusedException reworded(PlatformRefusedException e) {
        return GraphError.in(e.body(), json)
                .map(error -> e.reworded(platform + (e.status() < 500 ? " refused it" : " failed") + " (HTTP "
                        + e.status() + "): " + error.said()))
                .orElse(e);
    }

    /**
     * Asks for tokens at a token endpoint, with {@code parameters} in the query ({@code post} false)
     * or as a form, as Meta documents each endpoint. Sent once: a code works once. A 4xx is the grant
     * refused ({@link TokenRefusedException}), unless it is a rate limit, which passes.
     */
    public OAuthTokens requestTokens(String path, Map<String, String> parameters, boolean post) {
        var uri = post ? uri(path, Map.of()) : uri(path, parameters);
        var body = encode(parameters);
        JsonNode answer;
        try {
            answer = http.sendForJson(
                    platform,
                    () -> {
                        var request = http.request(uri).header("Accept", "application/json");
                        return post
                                ? request.header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                        .build()
                                : request.GET().build();
                    },
                    false);
        } catch (PlatformRefusedException e) {
            var error = GraphError.in(e.body(), json).orElse(null);
            if (e.status() < 500 && !GraphRateLimit.isRateLimit(e.status(), error)) {
                throw new TokenRefusedException(platform + " refused the grant (HTTP " + e.status() + "): "
                        + (error == null ? e.getMessage() : error.said()));
            }
            throw reworded(e);
        }
        var accessToken = answer.path("access_token").asString("");
        if (accessToken.isEmpty()) {
            throw new PlatformException(platform + " answered the token request without an access token");
        }
        var expiresIn = answer.path("expires_in");
        return new OAuthTokens(
                accessToken,
                null,
                expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                        ? clock.instant().plusSeconds(expiresIn.asLong())
                        : null);
    }

    /**
     * Waits until Meta has processed a media container ({@code statusField} {@code FINISHED}),
     * looking every {@code herald.providers.meta.container-poll-interval} for at most
     * {@code container-timeout}. A container in error, expired, or still unfinished then, fails the
     * post: nothing was published, since only publishing the container shows it.
     *
     * @param detailField the field that says what went wrong, asked for with the status
     */
    public void awaitFinished(String token, String container, String statusField, String detailField, String what) {
        var timeout = properties.containerTimeout();
        var poll = properties.containerPollInterval();
        var deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var answer =
                    get(token, "/" + id(container, "The container"), Map.of("fields", statusField + "," + detailField));
            var status = answer.path(statusField).asString("");
            if (status.equals("FINISHED")) {
                return;
            }
            if (status.equals("PUBLISHED")) {
                throw new PlatformException(
                        platform + " reports " + what + " as published already; it is not published again");
            }
            if (status.equals("ERROR") || status.equals("EXPIRED")) {
                var detail = answer.path(detailField).asString("");
                throw new PlatformException(platform + " could not process " + what + " (" + status
                        + (detail.isBlank() ? "" : ": " + detail) + "); nothing was posted");
            }
            if (System.nanoTime() + poll.toNanos() - deadline > 0) {
                throw new PlatformException(platform + " had not finished processing " + what + " after "
                        + describe(timeout) + " (status " + (status.isEmpty() ? "unknown" : status)
                        + "); nothing was posted");
            }
            pause(poll);
        }
    }

    /**
     * Where the published {@code id} is seen ({@code field}: {@code permalink} or {@code permalink_url}),
     * else {@code fallback}. The post is out already: nothing here may fail it.
     */
    public String permalink(String token, String id, String field, String fallback) {
        try {
            var link = get(token, "/" + id(id, "The post"), Map.of("fields", field))
                    .path(field)
                    .asString("");
            if (!link.isBlank()) {
                return link;
            }
        } catch (PlatformException e) {
            log.warn("{} published {} but did not tell its link: {}", platform, id, e.getMessage());
        }
        return fallback;
    }

    /** {@code path} on this Graph API, with {@code query}. */
    public URI uri(String path, Map<String, String> query) {
        var target = URI.create(base + path);
        return query.isEmpty() ? target : OAuthClient.withQuery(target, query);
    }

    private HttpRequest.Builder authorized(URI uri, String token) {
        return http.request(uri).header("Authorization", "Bearer " + token);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while " + platform + " processed the media; nothing was posted");
        }
    }
}
