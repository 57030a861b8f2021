package io.herald.integrations.threads;

import io.herald.integrations.meta.Graph;
import io.herald.integrations.meta.GraphFake;
import io.herald.support.Forms;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Threads as Meta documents its API, on a local port: its OAuth (the authorize page redirecting with
 * a code; {@code POST /oauth/access_token} trading it, once, for a short-lived token;
 * {@code th_exchange_token} for a long-lived one; {@code th_refresh_token} renewing a long-lived token
 * that has not expired, the old one then refused), {@code /v1.0/me}, and with the account's token:
 * {@code /<user>/threads} containers (text up to 500 characters, an image, a video, carousel items and
 * their carousel, {@code reply_to_id} a published post; Threads fetches the media from its URL), their
 * {@code status} ({@code IN_PROGRESS} for as many looks as the test says), {@code threads_publish}
 * (a finished container, once) and {@code permalink}; Meta's error bodies, and custom throttling
 * (code 613). It also serves the media posts point at, under {@code /files/}.
 */
public final class FakeThreads extends GraphFake {

    public static final String CLIENT_ID = "threads-app-id";

    public static final String CLIENT_SECRET = "threads-app-secret";

    public static final Account ME =
            new Account("25000000000000001", "heraldtest", "Herald Test", "https://scontent.threads.test/me.jpg");

    private static final String VERSION = "/v1.0";

    private static final Pattern OBJECT = Pattern.compile(Pattern.quote(VERSION) + "/([0-9]+)(/[a-z_]+)?");

    private final AtomicLong ids = new AtomicLong(18_000_000_000_000_000L);

    private final Map<String, String> codes = new ConcurrentHashMap<>();

    private final Map<String, Long> shortTokens = new ConcurrentHashMap<>();

    /** Long-lived tokens and when they expire, in epoch milliseconds. */
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();

    private final List<Map<String, String>> grants = new CopyOnWriteArrayList<>();

    private final List<String> issued = new CopyOnWriteArrayList<>();

    private final Map<String, Container> containers = new ConcurrentHashMap<>();

    private final List<ObjectNode> posts = new CopyOnWriteArrayList<>();

    private final Queue<Answer> publishAnswers = new ConcurrentLinkedQueue<>();

    private volatile long expiresIn = 5_184_000;

    private volatile int processingLooks;

    public synchronized void reset() {
        codes.clear();
        shortTokens.clear();
        tokens.clear();
        grants.clear();
        issued.clear();
        containers.clear();
        posts.clear();
        publishAnswers.clear();
        expiresIn = 5_184_000;
        processingLooks = 0;
        clear();
    }

    /** Long-lived tokens issued from now on last this many seconds. */
    public void tokensLast(long seconds) {
        this.expiresIn = seconds;
    }

    /** Containers made from now on are {@code IN_PROGRESS} for this many looks at their status. */
    public void processingLooks(int looks) {
        this.processingLooks = looks;
    }

    /** The next {@code threads_publish} calls get these answers, one each. */
    public void answerPublish(Answer... answers) {
        publishAnswers.addAll(List.of(answers));
    }

    /** Custom throttling as Meta answers it: code 613, no time given. */
    public static Answer customLimit() {
        return Graph.error(400, 613, 0, "OAuthException", "Calls to this api have exceeded the rate limit.");
    }

    public List<Map<String, String>> grants() {
        return List.copyOf(grants);
    }

    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    /** Whether Threads takes this token now. */
    public boolean accepts(String token) {
        var expires = tokens.get(token);
        return expires != null && System.currentTimeMillis() < expires;
    }

    /** The published posts, each with its container's fields. */
    public List<ObjectNode> posts() {
        return List.copyOf(posts);
    }

    public Container container(String id) {
        return containers.get(id);
    }

    @Override
    protected Answer answer(Received request) {
        var path = request.path();
        var route = request.method() + " " + path;
        switch (route) {
            case "GET /oauth/authorize" -> {
                return authorize(Forms.decode(request.query()));
            }
            case "POST /oauth/access_token" -> {
                return code(Graph.params(request));
            }
            case "GET /access_token" -> {
                return exchange(Graph.params(request));
            }
            case "GET /refresh_access_token" -> {
                return refresh(Graph.params(request));
            }
            default -> {}
        }
        if (!accepts(String.valueOf(Graph.bearer(request)))) {
            return Graph.error(400, 190, 0, "OAuthException", "Error validating access token: Session has expired");
        }
        var params = Graph.params(request);
        if (route.equals("GET " + VERSION + "/me")) {
            return Graph.ok(Graph.json
                    .createObjectNode()
                    .put("id", ME.id())
                    .put("username", ME.username())
                    .put("name", ME.name())
                    .put("threads_profile_picture_url", ME.picture()));
        }
        var object = OBJECT.matcher(path);
        if (!object.matches()) {
            return Graph.error(400, 100, 0, "THApiException", "Unsupported request: " + path);
        }
        var id = object.group(1);
        var edge = object.group(2) == null ? "" : object.group(2);
        if (request.method().equals("GET") && edge.isEmpty()) {
            return read(id, params.getOrDefault("fields", ""));
        }
        if (!id.equals(ME.id())) {
            return Graph.error(400, 100, 33, "THApiException", "Object with ID '" + id + "' does not exist");
        }
        return switch (edge) {
            case "/threads" -> container(params);
            case "/threads_publish" -> publish(params);
            default -> Graph.error(400, 100, 0, "THApiException", "Unknown edge " + edge);
        };
    }

    private Answer authorize(Map<String, String> query) {
        var redirect = query.get("redirect_uri");
        if (!CLIENT_ID.equals(query.get("client_id"))
                || redirect == null
                || !"code".equals(query.get("response_type"))
                || query.get("state") == null
                || !query.getOrDefault("scope", "").contains("threads_content_publish")) {
            return Answer.bytes(400, "text/html", "<p>Invalid request</p>".getBytes(StandardCharsets.UTF_8));
        }
        var code = "AQB" + Graph.token(24);
        codes.put(code, redirect);
        return Graph.redirect(
                redirect + "?code=" + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
    }

    private Answer code(Map<String, String> form) {
        grants.add(form);
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return Graph.error(400, 101, 0, "OAuthException", "Error validating application. Invalid application ID.");
        }
        var redirect = codes.remove(form.getOrDefault("code", ""));
        if (!"authorization_code".equals(form.get("grant_type"))
                || redirect == null
                || !redirect.equals(form.get("redirect_uri"))) {
            return Graph.error(400, 100, 0, "OAuthException", "Invalid code or redirect_uri.");
        }
        var token = "THAAs" + Graph.token(32);
        shortTokens.put(token, System.currentTimeMillis() + 3_600_000);
        issued.add(token);
        return Graph.ok(
                Graph.json.createObjectNode().put("access_token", token).put("user_id", Long.parseLong(ME.id())));
    }

    private Answer exchange(Map<String, String> query) {
        grants.add(query);
        if (!"th_exchange_token".equals(query.get("grant_type")) || !CLIENT_SECRET.equals(query.get("client_secret"))) {
            return Graph.error(400, 100, 0, "OAuthException", "Invalid th_exchange_token request");
        }
        if (shortTokens.remove(query.getOrDefault("access_token", "")) == null) {
            return Graph.error(400, 190, 0, "OAuthException", "Invalid OAuth access token");
        }
        return longLived();
    }

    private Answer refresh(Map<String, String> query) {
        grants.add(query);
        var old = query.getOrDefault("access_token", "");
        if (!"th_refresh_token".equals(query.get("grant_type")) || !accepts(old)) {
            return Graph.error(400, 190, 0, "OAuthException", "Error validating access token: Session has expired");
        }
        tokens.remove(old);
        return longLived();
    }

    private Answer longLived() {
        var token = "THAAl" + Graph.token(32);
        tokens.put(token, System.currentTimeMillis() + expiresIn * 1000);
        issued.add(token);
        return Graph.ok(Graph.json
                .createObjectNode()
                .put("access_token", token)
                .put("token_type", "bearer")
                .put("expires_in", expiresIn));
    }

    private Answer container(Map<String, String> params) {
        var type = params.getOrDefault("media_type", "");
        var text = params.getOrDefault("text", "");
        if (text.codePointCount(0, text.length()) > 500) {
            return Graph.error(400, 100, 0, "THApiException", "Param text must be at most 500 characters long.");
        }
        var replyTo = params.get("reply_to_id");
        if (replyTo != null
                && posts.stream().noneMatch(post -> post.path("id").asString().equals(replyTo))) {
            return Graph.error(
                    400, 100, 0, "THApiException", "The reply_to_id " + replyTo + " is not a published post");
        }
        var item = "true".equals(params.get("is_carousel_item"));
        var url = params.getOrDefault("image_url", params.get("video_url"));
        var children = new ArrayList<String>();
        switch (type) {
            case "TEXT" -> {
                if (text.isEmpty()) {
                    return Graph.error(400, 100, 0, "THApiException", "The parameter text is required for TEXT");
                }
            }
            case "IMAGE", "VIDEO" -> {
                var field = type.equals("IMAGE") ? "image_url" : "video_url";
                if (!fetchable(params.get(field))) {
                    return Graph.error(
                            400,
                            100,
                            0,
                            "THApiException",
                            "The media could not be fetched from this URI: " + params.get(field));
                }
            }
            case "CAROUSEL" -> {
                for (var child : params.getOrDefault("children", "").split(",")) {
                    var container = containers.get(child);
                    if (container == null || !container.item() || !container.finished()) {
                        return Graph.error(400, 100, 0, "THApiException", "Invalid or unfinished child " + child);
                    }
                    children.add(child);
                }
                if (children.size() < 2 || children.size() > 20) {
                    return Graph.error(400, 100, 0, "THApiException", "A carousel takes 2 to 20 children");
                }
            }
            default -> {
                return Graph.error(
                        400,
                        100,
                        0,
                        "THApiException",
                        "Param media_type must be one of TEXT, IMAGE," + " VIDEO, CAROUSEL");
            }
        }
        var id = Long.toString(ids.incrementAndGet());
        containers.put(
                id,
                new Container(
                        id,
                        type,
                        url,
                        text,
                        params.get("alt_text"),
                        replyTo,
                        item,
                        List.copyOf(children),
                        new AtomicInteger(processingLooks),
                        new AtomicBoolean()));
        return Graph.ok(Graph.json.createObjectNode().put("id", id));
    }

    private Answer publish(Map<String, String> params) {
        var canned = publishAnswers.poll();
        if (canned != null) {
            return canned;
        }
        var container = containers.get(params.getOrDefault("creation_id", ""));
        if (container == null || container.item() || !container.finished()) {
            return Graph.error(400, 24, 4279009, "THApiException", "The media is not ready to be published");
        }
        if (!container.published().compareAndSet(false, true)) {
            return Graph.error(400, 24, 4279009, "THApiException", "The media has been published already");
        }
        var id = Long.toString(ids.incrementAndGet());
        posts.add(Graph.json
                .createObjectNode()
                .put("id", id)
                .put("container", container.id())
                .put("code", "D" + Graph.token(6).replaceAll("[^A-Za-z0-9]", "x")));
        return Graph.ok(Graph.json.createObjectNode().put("id", id));
    }

    private Answer read(String id, String fields) {
        var container = containers.get(id);
        if (container != null && fields.startsWith("status")) {
            var status = container.published().get()
                    ? "PUBLISHED"
                    : container
                                            .looksLeft()
                                            .getAndUpdate(
                                                    left -> left == Integer.MAX_VALUE || left <= 0 ? left : left - 1)
                                    > 0
                            ? "IN_PROGRESS"
                            : "FINISHED";
            return Graph.ok(Graph.json.createObjectNode().put("status", status).put("id", id));
        }
        for (var post : posts) {
            if (post.path("id").asString().equals(id) && fields.equals("permalink")) {
                return Graph.ok(Graph.json
                        .createObjectNode()
                        .put(
                                "permalink",
                                "https://www.threads.net/@" + ME.username() + "/post/"
                                        + post.path("code").asString())
                        .put("id", id));
            }
        }
        return Graph.error(400, 100, 33, "THApiException", "Object with ID '" + id + "' does not exist");
    }

    /** A Threads account. */
    public record Account(String id, String username, String name, String picture) {}

    /** A media container; IN_PROGRESS while {@code looksLeft} is above zero (for ever at {@link Integer#MAX_VALUE}). */
    public record Container(
            String id,
            String type,
            String url,
            String text,
            String alt,
            String replyTo,
            boolean item,
            List<String> children,
            AtomicInteger looksLeft,
            AtomicBoolean published) {

        boolean finished() {
            return looksLeft.get() <= 0;
        }
    }
}
