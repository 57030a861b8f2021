package io.herald.integrations.x;

import io.herald.support.Forms;
import io.herald.support.MultipartBody;
import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * X as its documentation describes it, on a local port: OAuth 2.0's authorize endpoint (redirecting
 * the browser with a code) and token endpoint (HTTP Basic client authentication, PKCE S256
 * verified, codes used once, refresh tokens rotated: each works once, and the access token it
 * replaces stops working), {@code /2/users/me}, the chunked media upload (initialize, append in
 * order, finalize checking the size, a video's processing polled through STATUS, alt text),
 * {@code POST /2/tweets} (media must be finalized and processed, a reply must answer a post that
 * exists, duplicates refused) with X's error bodies, and 429 with {@code x-rate-limit-reset}. It
 * also serves the images posts point at, under {@code /files/}.
 */
public final class FakeX implements AutoCloseable {

    public static final String CLIENT_ID = "x-client-id";

    public static final String CLIENT_SECRET = "x-client-secret";

    public static final User ME = new User("2244994945", "Herald Test", "heraldtest", "https://pbs.x.test/me.jpg");

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final Set<String> REPLY_SETTINGS =
            Set.of("everyone", "following", "mentionedUsers", "subscribers", "verified");

    private final PlatformStub http = new PlatformStub();

    private final SecureRandom random = new SecureRandom();

    private final AtomicLong ids = new AtomicLong(1_880_000_000_000_000_000L);

    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();

    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();

    private final List<String> issued = new CopyOnWriteArrayList<>();

    private final List<Map<String, String>> grants = new CopyOnWriteArrayList<>();

    private final Map<String, Media> media = new ConcurrentHashMap<>();

    private final List<ObjectNode> tweets = new CopyOnWriteArrayList<>();

    private final Map<String, File> files = new ConcurrentHashMap<>();

    private final Queue<Duration> rateLimits = new ArrayDeque<>();

    private volatile User signedIn = ME;

    private volatile String denial;

    private volatile long expiresIn = 7200;

    private volatile boolean refuseRefreshes;

    private volatile Runnable beforeRefresh = () -> {};

    private volatile int processingPolls = 2;

    private volatile String lastReset;

    public FakeX() {
        http.answer(this::answer);
    }

    public String url(String path) {
        return http.url(path);
    }

    /** Forgets every request, token, post and setting. */
    public synchronized void reset() {
        codes.clear();
        accessTokens.clear();
        refreshTokens.clear();
        issued.clear();
        grants.clear();
        media.clear();
        tweets.clear();
        files.clear();
        rateLimits.clear();
        signedIn = ME;
        denial = null;
        expiresIn = 7200;
        refuseRefreshes = false;
        beforeRefresh = () -> {};
        processingPolls = 2;
        lastReset = null;
        http.clear();
    }

    /** The account the next authorization is for (who is signed in to X in the browser). */
    public void signIn(User user) {
        this.signedIn = user;
    }

    /** The user refuses the authorization: X redirects with {@code error=<error>}. */
    public void deny(String error) {
        this.denial = error;
    }

    /** Access tokens issued from now on last this long. */
    public void tokensLast(Duration lifetime) {
        this.expiresIn = lifetime.toSeconds();
    }

    /** The refresh grant is refused from now on, as X does for a revoked app. */
    public void refuseRefreshes() {
        this.refuseRefreshes = true;
    }

    /** Runs (e.g. waits on a latch) before each refresh grant is answered. */
    public void beforeRefresh(Runnable hold) {
        this.beforeRefresh = hold;
    }

    /** An access token for {@code user} made outside any authorization (as X's developer portal hands out). */
    public String mint(User user) {
        var access = "xat-" + random(32);
        accessTokens.put(access, new Access(user, System.currentTimeMillis() + expiresIn * 1000));
        issued.add(access);
        return access;
    }

    /** Whether X still takes this access token. */
    public boolean accepts(String accessToken) {
        var access = accessTokens.get(accessToken);
        return access != null && System.currentTimeMillis() < access.expiresAt();
    }

    /** The access token stops working, as when a user revokes a session; its refresh token still works. */
    public void revoke(String accessToken) {
        accessTokens.remove(accessToken);
    }

    /** The next {@code POST /2/tweets} answer 429, each with a reset {@code after} ahead. */
    public synchronized void rateLimitTweets(Duration... after) {
        rateLimits.addAll(List.of(after));
    }

    /** A video's STATUS answers {@code in_progress} this many times before {@code succeeded}. */
    public void processingPolls(int polls) {
        this.processingPolls = polls;
    }

    /** Serves {@code bytes} at {@code /files/<name>} and answers its URL. */
    public String file(String name, String contentType, byte[] bytes) {
        files.put(name, new File(contentType, bytes.clone()));
        return http.url("/files/" + name);
    }

    public List<Received> received() {
        return http.received();
    }

    public List<Received> received(String path) {
        return http.received(path);
    }

    /** Forgets the requests received so far (tokens, posts and media stay). */
    public void forgetRequests() {
        http.clear();
    }

    /** The {@code x-rate-limit-reset} of the last 429 answered, if any. */
    public Optional<String> lastRateLimitReset() {
        return Optional.ofNullable(lastReset);
    }

    /** The token requests, as their forms, in order. */
    public List<Map<String, String>> grants() {
        return List.copyOf(grants);
    }

    public List<Map<String, String>> grants(String type) {
        return grants.stream()
                .filter(form -> type.equals(form.get("grant_type")))
                .toList();
    }

    /** Every access and refresh token issued. */
    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    /** The access token issued last. */
    public String lastAccessToken() {
        return issued.stream()
                .filter(token -> token.startsWith("xat-"))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    /** The refresh token issued last. */
    public String lastRefreshToken() {
        return issued.stream()
                .filter(token -> token.startsWith("xrt-"))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    public List<ObjectNode> tweets() {
        return List.copyOf(tweets);
    }

    public Media media(String id) {
        return media.get(id);
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer answer(Received request) {
        var path = request.path();
        var route = request.method() + " " + path;
        if (route.equals("GET /i/oauth2/authorize")) {
            return authorize(Forms.decode(request.query()));
        }
        if (route.equals("POST /2/oauth2/token")) {
            return token(request);
        }
        if (path.startsWith("/files/")) {
            var file = files.get(path.substring("/files/".length()));
            return file == null ? Answer.json(404, "{}") : Answer.bytes(200, file.contentType(), file.bytes());
        }
        var user = bearer(request);
        if (user == null) {
            return Answer.json(
                    401,
                    "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
                            + "\"detail\":\"Unauthorized\"}");
        }
        if (route.equals("GET /2/users/me")) {
            var me = json.createObjectNode();
            me.putObject("data")
                    .put("id", user.id())
                    .put("name", user.name())
                    .put("username", user.username())
                    .put("profile_image_url", user.picture());
            return Answer.json(200, me.toString());
        }
        if (route.equals("POST /2/media/upload/initialize")) {
            return initialize(user, json.readTree(request.bodyText()));
        }
        if (route.startsWith("POST /2/media/upload/") && path.endsWith("/append")) {
            return append(path.split("/")[4], request);
        }
        if (route.startsWith("POST /2/media/upload/") && path.endsWith("/finalize")) {
            return finalize(path.split("/")[4]);
        }
        if (route.equals("GET /2/media/upload")) {
            return status(Forms.decode(request.query()));
        }
        if (route.equals("POST /2/media/metadata")) {
            var body = json.readTree(request.bodyText());
            var item = media.get(body.path("id").asString(""));
            if (item == null) {
                return invalid("media id not found");
            }
            item.alt = body.path("metadata").path("alt_text").path("text").asString();
            return Answer.json(200, "{\"data\":{\"associated_metadata\":true,\"id\":\"" + item.id + "\"}}");
        }
        if (route.equals("POST /2/tweets")) {
            return tweet(user, request);
        }
        return Answer.json(404, "{\"title\":\"Not Found Error\",\"type\":\"about:blank\",\"status\":404}");
    }

    private Answer authorize(Map<String, String> query) {
        var redirect = query.get("redirect_uri");
        if (!CLIENT_ID.equals(query.get("client_id"))
                || redirect == null
                || !"code".equals(query.get("response_type"))
                || !"S256".equals(query.get("code_challenge_method"))
                || query.get("code_challenge") == null
                || query.get("state") == null
                || !List.of(query.getOrDefault("scope", "").split(" "))
                        .containsAll(List.of("tweet.write", "users.read", "media.write", "offline.access"))) {
            return Answer.bytes(400, "text/plain", "Something went wrong".getBytes(StandardCharsets.UTF_8));
        }
        var state = URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        if (denial != null) {
            return redirect(redirect + "?error=" + denial + "&state=" + state);
        }
        var code = "xcode-" + random(24);
        codes.put(code, new Code(redirect, query.get("code_challenge"), signedIn));
        return redirect(redirect + "?state=" + state + "&code=" + code);
    }

    private Answer token(Received request) {
        var expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.header("Authorization"))) {
            return Answer.json(
                    401,
                    "{\"error\":\"unauthorized_client\",\"error_description\":\"Missing valid authorization header\"}");
        }
        var form = Forms.decode(request.bodyText());
        grants.add(form);
        if (!CLIENT_ID.equals(form.get("client_id"))) {
            return Answer.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"Missing client_id\"}");
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            var code = codes.remove(form.getOrDefault("code", ""));
            if (code == null
                    || !code.redirectUri().equals(form.get("redirect_uri"))
                    || !code.challenge().equals(challenge(form.getOrDefault("code_verifier", "")))) {
                return Answer.json(
                        400,
                        "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the authorization"
                                + " code was invalid.\"}");
            }
            return issue(code.user());
        }
        if ("refresh_token".equals(form.get("grant_type"))) {
            beforeRefresh.run();
            var refresh = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
            if (refresh == null || refuseRefreshes) {
                return Answer.json(
                        400,
                        "{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the token was"
                                + " invalid.\"}");
            }
            accessTokens.remove(refresh.accessToken());
            return issue(refresh.user());
        }
        return Answer.json(400, "{\"error\":\"unsupported_grant_type\"}");
    }

    private Answer issue(User user) {
        var access = "xat-" + random(32);
        var refresh = "xrt-" + random(32);
        accessTokens.put(access, new Access(user, System.currentTimeMillis() + expiresIn * 1000));
        refreshTokens.put(refresh, new Refresh(user, access));
        issued.add(access);
        issued.add(refresh);
        var answer = json.createObjectNode()
                .put("token_type", "bearer")
                .put("expires_in", expiresIn)
                .put("access_token", access)
                .put("scope", "tweet.read tweet.write users.read media.write offline.access")
                .put("refresh_token", refresh);
        return Answer.json(200, answer.toString());
    }

    private User bearer(Received request) {
        var header = request.header("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return null;
        }
        var access = accessTokens.get(header.substring(7));
        return access == null || System.currentTimeMillis() >= access.expiresAt() ? null : access.user();
    }

    private Answer initialize(User user, JsonNode body) {
        var category = body.path("media_category").asString("");
        if (!body.path("total_bytes").canConvertToLong()
                || body.path("total_bytes").asLong() <= 0
                || !body.path("media_type").isString()
                || !Set.of("tweet_image", "tweet_gif", "tweet_video").contains(category)) {
            return invalid("initialize needs media_type, total_bytes and media_category");
        }
        var item = new Media(
                Long.toString(ids.incrementAndGet()),
                user,
                body.path("media_type").asString(),
                category,
                body.path("total_bytes").asLong());
        media.put(item.id, item);
        var answer = json.createObjectNode();
        answer.putObject("data")
                .put("id", item.id)
                .put("media_key", (item.video() ? "7_" : "3_") + item.id)
                .put("expires_after_secs", 86400);
        return Answer.json(200, answer.toString());
    }

    private Answer append(String id, Received request) {
        var item = media.get(id);
        if (item == null || item.finalized) {
            return invalid("no upload in progress for " + id);
        }
        var form = MultipartBody.parse(request.header("Content-Type"), request.body());
        var index = Integer.parseInt(form.part("segment_index").text());
        if (index != item.segments) {
            return invalid("segment_index " + index + " out of order");
        }
        item.bytes.writeBytes(form.part("media").content());
        item.segments++;
        return new Answer(204, "application/json", new byte[0], Map.of(), null);
    }

    private Answer finalize(String id) {
        var item = media.get(id);
        if (item == null || item.finalized || item.bytes.size() != item.totalBytes) {
            return invalid("finalize: the upload is not complete");
        }
        item.finalized = true;
        item.pollsLeft = item.video() ? processingPolls : 0;
        var data = json.createObjectNode()
                .put("id", item.id)
                .put("media_key", (item.video() ? "7_" : "3_") + item.id)
                .put("size", item.totalBytes)
                .put("expires_after_secs", 86400);
        if (item.video()) {
            data.putObject("processing_info").put("state", "pending").put("check_after_secs", 1);
        }
        var answer = json.createObjectNode();
        answer.set("data", data);
        return Answer.json(200, answer.toString());
    }

    private Answer status(Map<String, String> query) {
        var item = media.get(query.getOrDefault("media_id", ""));
        if (!"STATUS".equals(query.get("command")) || item == null || !item.finalized) {
            return invalid("STATUS of an unknown media");
        }
        var info = json.createObjectNode();
        if (item.pollsLeft > 0) {
            item.pollsLeft--;
            info.put("state", "in_progress").put("check_after_secs", 1).put("progress_percent", 50);
        } else {
            info.put("state", "succeeded").put("progress_percent", 100);
        }
        var answer = json.createObjectNode();
        answer.putObject("data").put("id", item.id).set("processing_info", info);
        return Answer.json(200, answer.toString());
    }

    private synchronized Answer tweet(User user, Received request) {
        var wait = rateLimits.poll();
        if (wait != null) {
            lastReset = Long.toString(Instant.now().plus(wait).getEpochSecond());
            return Answer.json(
                            429,
                            "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\","
                                    + "\"status\":429}")
                    .withHeader("x-rate-limit-limit", "100")
                    .withHeader("x-rate-limit-remaining", "0")
                    .withHeader("x-rate-limit-reset", lastReset);
        }
        var body = (ObjectNode) json.readTree(request.bodyText());
        var text = body.path("text").asString("");
        for (var id : body.path("media").path("media_ids")) {
            var item = media.get(id.asString());
            if (item == null
                    || !item.finalized
                    || item.pollsLeft > 0
                    || !item.owner.id().equals(user.id())) {
                return invalid("Your media IDs are invalid.");
            }
        }
        var reply = body.path("reply").path("in_reply_to_tweet_id");
        if (!reply.isMissingNode()
                && tweets.stream().noneMatch(t -> t.path("id").asString().equals(reply.asString()))) {
            return Answer.json(
                    400,
                    "{\"errors\":[{\"parameters\":{\"reply.in_reply_to_tweet_id\":[\"" + reply.asString()
                            + "\"]},\"message\":\"The post you are replying to does not exist.\"}],\"title\":\"Invalid"
                            + " Request\",\"detail\":\"One or more parameters to your request was invalid.\","
                            + "\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}");
        }
        if (body.has("reply_settings")
                && !REPLY_SETTINGS.contains(body.path("reply_settings").asString(""))) {
            return invalid("Invalid reply_settings");
        }
        if (tweets.stream()
                .anyMatch(t -> t.path("author").asString().equals(user.id())
                        && t.path("text").asString().equals(text))) {
            return Answer.json(
                    403,
                    "{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\",\"type\":"
                            + "\"about:blank\",\"title\":\"Forbidden\",\"status\":403}");
        }
        var id = Long.toString(ids.incrementAndGet());
        var stored = body.deepCopy().put("id", id).put("author", user.id());
        tweets.add(stored);
        var answer = json.createObjectNode();
        answer.putObject("data")
                .put("id", id)
                .put("text", text)
                .putArray("edit_history_tweet_ids")
                .add(id);
        return Answer.json(201, answer.toString());
    }

    private static Answer invalid(String message) {
        return Answer.json(
                400,
                "{\"errors\":[{\"message\":\"" + message + "\"}],\"title\":\"Invalid Request\",\"detail\":\"One or"
                        + " more parameters to your request was invalid.\",\"type\":"
                        + "\"https://api.twitter.com/2/problems/invalid-request\"}");
    }

    private static Answer redirect(String location) {
        return new Answer(302, "text/html", new byte[0], Map.of("Location", location), null);
    }

    /** PKCE's S256 of a verifier, computed here independently of Herald. */
    public static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String random(int bytes) {
        var value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** An X account. */
    public record User(String id, String name, String username, String picture) {}

    private record Code(String redirectUri, String challenge, User user) {}

    private record Access(User user, long expiresAt) {}

    private record Refresh(User user, String accessToken) {}

    private record File(String contentType, byte[] bytes) {}

    /** An upload, as X holds it. */
    public static final class Media {

        final String id;

        final User owner;

        final String type;

        final String category;

        final long totalBytes;

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        volatile int segments;

        volatile boolean finalized;

        volatile int pollsLeft;

        volatile String alt;

        Media(String id, User owner, String type, String category, long totalBytes) {
            this.id = id;
            this.owner = owner;
            this.type = type;
            this.category = category;
            this.totalBytes = totalBytes;
        }

        boolean video() {
            return category.equals("tweet_video");
        }

        public String category() {
            return category;
        }

        public String type() {
            return type;
        }

        public int segments() {
            return segments;
        }

        public byte[] bytes() {
            return bytes.toByteArray();
        }

        public String alt() {
            return alt;
        }
    }
}
