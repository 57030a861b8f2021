package io.herald.integrations.slack;

import io.herald.support.Forms;
import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's Web API as its documentation describes it, on a local port: OAuth v2 (the install page
 * redirecting with a code; {@code oauth.v2.access} with the client's id and secret in the form,
 * codes used once, a refused code answered {@code ok:false} with HTTP 200), {@code auth.test},
 * {@code users.info}, {@code chat.postMessage} (replies under a thread's first message only),
 * {@code conversations.join} (public channels only), the file upload flow
 * ({@code files.getUploadURLExternal}, the bytes POSTed to the upload URL, which must hold as many
 * as announced, then {@code files.completeUploadExternal} sharing them with an {@code initial_comment},
 * in a thread with {@code thread_ts}), the share found later in {@code files.info} (its
 * {@code shares} empty for the first polls, as Slack fills them in the background),
 * {@code chat.getPermalink}, Slack's {@code ok:false} errors, and 429 with {@code Retry-After}. It
 * also serves images under {@code /files/}.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String CLIENT_ID = "4012345678.5012345678";

    public static final String CLIENT_SECRET = "slack-client-secret";

    /** A bot token made outside Herald (the app's "Install to workspace" button). */
    public static final String BOT_TOKEN = "xoxb-4012345678-7012345678-heraldBotSecret01";

    public static final String TEAM = "T0HERALD1";

    public static final String BOT_USER = "U0BOT0001";

    public static final String GENERAL = "C0GENERAL1";

    /** A public channel the bot is not in (it may join). */
    public static final String RANDOM = "C0RANDOM02";

    /** A private channel the bot is not invited to. */
    public static final String PRIVATE = "G0PRIVATE3";

    private static final Set<String> PUBLIC = Set.of(GENERAL, RANDOM);

    private static final JsonMapper json = JsonMapper.builder().build();

    private final PlatformStub http = new PlatformStub();

    private final AtomicLong sequence = new AtomicLong();

    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    private final Map<String, String> codes = new ConcurrentHashMap<>();

    private final List<Map<String, String>> grants = new CopyOnWriteArrayList<>();

    private final Set<String> joined = ConcurrentHashMap.newKeySet();

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    private final Map<String, Share> shares = new ConcurrentHashMap<>();

    private final Queue<Long> rateLimits = new ArrayDeque<>();

    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    private volatile int sharePolls = 2;

    public FakeSlack() {
        http.answer(this::answer);
        reset();
    }

    public String url(String path) {
        return http.url(path);
    }

    /** Forgets every request, token, message and setting; the bot is in {@link #GENERAL} only. */
    public synchronized void reset() {
        tokens.clear();
        tokens.add(BOT_TOKEN);
        codes.clear();
        grants.clear();
        joined.clear();
        joined.add(GENERAL);
        messages.clear();
        uploads.clear();
        shares.clear();
        http.forgetFiles();
        rateLimits.clear();
        refusals.clear();
        sharePolls = 2;
        sequence.set(0);
        http.clear();
    }

    /** {@code files.info} shows a share's message only after this many polls. */
    public void sharePolls(int polls) {
        this.sharePolls = polls;
    }

    /** The next posts ({@code chat.postMessage}, {@code files.completeUploadExternal}) answer 429, each with this {@code Retry-After}. */
    public synchronized void rateLimit(Long... seconds) {
        rateLimits.addAll(List.of(seconds));
    }

    /** The next call of {@code method} answers {@code {"ok":false,"error":<error>}} (with HTTP 200, as Slack does). */
    public void refuseNext(String method, String error) {
        refusals.put(method, error);
    }

    /** Serves {@code bytes} at {@code /files/<name>} and answers its URL. */
    public String file(String name, String contentType, byte[] bytes) {
        return http.serve(name, contentType, bytes);
    }

    public List<Received> received() {
        return http.received();
    }

    /** The calls of a Web API method. */
    public List<Received> calls(String method) {
        return http.received("/api/" + method);
    }

    public void forgetRequests() {
        http.clear();
    }

    public List<Map<String, String>> grants() {
        return List.copyOf(grants);
    }

    /** Every message of every channel, in the order they were posted. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** Every token this Slack takes: the one made by hand and those issued. */
    public Set<String> issuedTokens() {
        return Set.copyOf(tokens);
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer answer(Received request) {
        var path = request.path();
        if (path.equals("/oauth/v2/authorize")) {
            return authorize(Forms.decode(request.query()));
        }
        if (path.startsWith("/upload/v1/")) {
            return upload(path.substring("/upload/v1/".length()), request);
        }
        if (!path.startsWith("/api/")) {
            return Answer.json(404, "{}");
        }
        var method = path.substring("/api/".length());
        if (method.equals("oauth.v2.access")) {
            return access(Forms.decode(request.bodyText()));
        }
        var authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return refused("not_authed");
        }
        if (!tokens.contains(authorization.substring(7))) {
            return refused("invalid_auth");
        }
        var refusal = refusals.remove(method);
        if (refusal != null) {
            return refused(refusal);
        }
        if (Set.of("chat.postMessage", "files.completeUploadExternal").contains(method)) {
            synchronized (this) {
                var wait = rateLimits.poll();
                if (wait != null) {
                    return Answer.json(429, "{\"ok\":false,\"error\":\"ratelimited\"}")
                            .withHeader("Retry-After", Long.toString(wait));
                }
            }
        }
        return switch (method) {
            case "auth.test" ->
                ok(json.createObjectNode()
                        .put("url", "https://heraldlab.slack.com/")
                        .put("team", "Herald Lab")
                        .put("user", "herald")
                        .put("team_id", TEAM)
                        .put("user_id", BOT_USER)
                        .put("bot_id", "B0BOT0001"));
            case "users.info" -> usersInfo(Forms.decode(request.query()));
            case "chat.postMessage" -> postMessage(body(request));
            case "conversations.join" -> join(body(request));
            case "files.getUploadURLExternal" -> uploadUrl(Forms.decode(request.bodyText()));
            case "files.completeUploadExternal" -> complete(body(request));
            case "files.info" -> fileInfo(Forms.decode(request.query()));
            case "chat.getPermalink" -> permalink(Forms.decode(request.query()));
            default -> refused("unknown_method");
        };
    }

    private Answer authorize(Map<String, String> query) {
        var redirect = query.get("redirect_uri");
        if (!CLIENT_ID.equals(query.get("client_id")) || redirect == null || query.get("state") == null) {
            return Answer.bytes(400, "text/plain", "invalid_client_id".getBytes(StandardCharsets.UTF_8));
        }
        if (!Set.of(query.getOrDefault("scope", "").split(","))
                .containsAll(Set.of("chat:write", "files:write", "files:read", "channels:join", "users:read"))) {
            return Answer.bytes(400, "text/plain", "invalid_scope".getBytes(StandardCharsets.UTF_8));
        }
        var code = "scode-" + sequence.incrementAndGet();
        codes.put(code, redirect);
        return new Answer(
                302,
                "text/html",
                new byte[0],
                Map.of(
                        "Location",
                        redirect + "?code=" + code + "&state="
                                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8)),
                null);
    }

    private Answer access(Map<String, String> form) {
        grants.add(form);
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return refused("invalid_client_id");
        }
        var redirect = codes.remove(form.getOrDefault("code", ""));
        if (redirect == null) {
            return refused("invalid_code");
        }
        if (!redirect.equals(form.get("redirect_uri"))) {
            return refused("bad_redirect_uri");
        }
        var token = "xoxb-4012345678-" + (7_100_000_000L + sequence.incrementAndGet()) + "-issuedBotToken";
        tokens.add(token);
        var answer = json.createObjectNode()
                .put("access_token", token)
                .put("token_type", "bot")
                .put("scope", "chat:write,files:write,files:read,channels:join,users:read")
                .put("bot_user_id", BOT_USER)
                .put("app_id", "A0HERALD1");
        answer.putObject("team").put("id", TEAM).put("name", "Herald Lab");
        answer.putObject("authed_user").put("id", "U0PERSON01");
        return ok(answer);
    }

    private Answer usersInfo(Map<String, String> query) {
        if (!BOT_USER.equals(query.get("user"))) {
            return refused("user_not_found");
        }
        var user = json.createObjectNode();
        user.putObject("user")
                .put("id", BOT_USER)
                .put("name", "herald")
                .put("real_name", "Herald")
                .put("is_bot", true)
                .putObject("profile")
                .put("image_192", "https://avatars.slack-edge.test/herald_192.png")
                .put("image_original", "https://avatars.slack-edge.test/herald_original.png");
        return ok(user);
    }

    private synchronized Answer postMessage(JsonNode body) {
        var channel = body.path("channel").asString("");
        var problem = cannotPost(channel);
        if (problem != null) {
            return refused(problem);
        }
        var text = body.path("text").asString("");
        if (text.isEmpty()) {
            return refused("no_text");
        }
        if (text.codePointCount(0, text.length()) > 40_000) {
            return refused("msg_too_long");
        }
        var thread = body.path("thread_ts").asString(null);
        if (thread != null && !isThreadStart(channel, thread)) {
            return refused("invalid_thread_ts");
        }
        var message = post(channel, text, thread, List.of());
        var answer = json.createObjectNode().put("channel", channel).put("ts", message.ts());
        var shown = answer.putObject("message")
                .put("type", "message")
                .put("text", text)
                .put("ts", message.ts());
        if (thread != null) {
            shown.put("thread_ts", thread);
        }
        return ok(answer);
    }

    private Answer join(JsonNode body) {
        var channel = body.path("channel").asString("");
        if (PUBLIC.contains(channel)) {
            joined.add(channel);
            return ok(json.createObjectNode()
                    .set("channel", json.createObjectNode().put("id", channel)));
        }
        return refused(channel.equals(PRIVATE) ? "method_not_supported_for_channel_type" : "channel_not_found");
    }

    private Answer uploadUrl(Map<String, String> form) {
        var length = form.getOrDefault("length", "0");
        if (form.get("filename") == null || !length.matches("[1-9][0-9]*")) {
            return refused("missing_argument");
        }
        var id = "F0FILE" + sequence.incrementAndGet();
        uploads.put(id, new Upload(id, form.get("filename"), form.get("alt_txt"), Integer.parseInt(length)));
        return ok(json.createObjectNode()
                .put("upload_url", http.url("/upload/v1/" + id))
                .put("file_id", id));
    }

    private Answer upload(String id, Received request) {
        var upload = uploads.get(id);
        if (upload == null || request.body().length != upload.length() || request.header("Authorization") != null) {
            return Answer.bytes(400, "text/plain", "upload refused".getBytes(StandardCharsets.UTF_8));
        }
        uploads.put(id, upload.withBytes(request.body()));
        return Answer.bytes(200, "text/plain", ("OK - " + upload.length()).getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Answer complete(JsonNode body) {
        var channel = body.path("channel_id").asString("");
        var completed = new ArrayList<Upload>();
        for (var file : body.path("files")) {
            var upload = uploads.get(file.path("id").asString(""));
            if (upload == null || upload.bytes() == null || upload.completed()) {
                return refused("file_not_found");
            }
            completed.add(upload.titled(file.path("title").asString(upload.name())));
        }
        if (completed.isEmpty()) {
            return refused("invalid_arguments");
        }
        var problem = cannotPost(channel);
        if (problem != null) {
            return refused(problem);
        }
        var thread = body.path("thread_ts").asString(null);
        if (thread != null && !isThreadStart(channel, thread)) {
            return refused("invalid_thread_ts");
        }
        completed.forEach(upload -> uploads.put(upload.id(), upload));
        var message = post(channel, body.path("initial_comment").asString(""), thread, List.copyOf(completed));
        var listed = json.createArrayNode();
        for (var upload : completed) {
            shares.put(upload.id(), new Share(message, sharePolls));
            listed.addObject().put("id", upload.id()).put("title", upload.title());
        }
        return ok(json.createObjectNode().set("files", listed));
    }

    private synchronized Answer fileInfo(Map<String, String> query) {
        var id = query.getOrDefault("file", "");
        var upload = uploads.get(id);
        if (upload == null || !upload.completed()) {
            return refused("file_not_found");
        }
        var file =
                json.createObjectNode().put("id", id).put("name", upload.name()).put("title", upload.title());
        var share = shares.get(id);
        var listed = file.putObject("shares");
        if (share.pollsLeft() > 0) {
            shares.put(id, new Share(share.message(), share.pollsLeft() - 1));
        } else {
            var message = share.message();
            var entry = listed.putObject(PUBLIC.contains(message.channel()) ? "public" : "private")
                    .putArray(message.channel())
                    .addObject()
                    .put("ts", message.ts())
                    .put("channel_name", "general");
            if (message.threadTs() != null) {
                entry.put("thread_ts", message.threadTs());
            }
        }
        var answer = json.createObjectNode();
        answer.set("file", file);
        return ok(answer);
    }

    private Answer permalink(Map<String, String> query) {
        var channel = query.getOrDefault("channel", "");
        var ts = query.getOrDefault("message_ts", "");
        var message = messages.stream()
                .filter(m -> m.channel().equals(channel) && m.ts().equals(ts))
                .findFirst();
        if (message.isEmpty()) {
            return refused("message_not_found");
        }
        var link = "https://heraldlab.slack.com/archives/" + channel + "/p" + ts.replace(".", "")
                + (message.get().threadTs() == null
                        ? ""
                        : "?thread_ts=" + message.get().threadTs() + "&cid=" + channel);
        return ok(json.createObjectNode().put("channel", channel).put("permalink", link));
    }

    private String cannotPost(String channel) {
        if (!PUBLIC.contains(channel) && !channel.equals(PRIVATE)) {
            return "channel_not_found";
        }
        return joined.contains(channel) ? null : "not_in_channel";
    }

    private boolean isThreadStart(String channel, String ts) {
        return messages.stream()
                .anyMatch(m -> m.channel().equals(channel) && m.ts().equals(ts) && m.threadTs() == null);
    }

    private Message post(String channel, String text, String thread, List<Upload> attached) {
        var ts = "1760000000." + String.format("%06d", sequence.incrementAndGet());
        var message = new Message(channel, ts, text, thread, attached);
        messages.add(message);
        return message;
    }

    private static JsonNode body(Received request) {
        var type = request.header("Content-Type");
        return type != null && type.startsWith("application/json")
                ? json.readTree(request.bodyText())
                : json.createObjectNode();
    }

    private static Answer ok(ObjectNode answer) {
        var body = json.createObjectNode().put("ok", true);
        body.setAll(answer);
        return Answer.json(200, body.toString());
    }

    private static Answer refused(String error) {
        return Answer.json(
                200,
                json.createObjectNode().put("ok", false).put("error", error).toString());
    }

    /** A message; {@code text} is its text or its files' initial comment, {@code threadTs} its thread's first message. */
    public record Message(String channel, String ts, String text, String threadTs, List<Upload> files) {}

    /** A file on its way in: announced, then its bytes, then shared (completed) under a title. */
    public record Upload(String id, String name, String alt, int length, byte[] bytes, String title) {

        Upload(String id, String name, String alt, int length) {
            this(id, name, alt, length, null, null);
        }

        Upload withBytes(byte[] bytes) {
            return new Upload(id, name, alt, length, bytes.clone(), title);
        }

        Upload titled(String title) {
            return new Upload(id, name, alt, length, bytes, title);
        }

        boolean completed() {
            return title != null;
        }
    }

    private record Share(Message message, int pollsLeft) {}
}
