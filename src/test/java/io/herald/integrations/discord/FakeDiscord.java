package io.herald.integrations.discord;

import io.herald.support.Forms;
import io.herald.support.MultipartBody;
import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Discord as its documentation describes it, on a local port: OAuth2's authorize endpoint (the
 * {@code bot} scope adds the application's bot to the server the person picks, then redirects with a
 * code) and token endpoint (HTTP Basic client authentication, codes used once);
 * {@code /users/@me/guilds} for a person ({@code Bearer}, with {@code owner} and {@code permissions})
 * and for a bot ({@code Bot}, paged by {@code limit} and {@code after}); {@code /users/@me};
 * {@code GET /channels/{id}} (a bot sees only its servers' channels); and
 * {@code POST /channels/{id}/messages} as JSON or multipart ({@code payload_json} and
 * {@code files[n]}, every attachment named by its index), at most 2,000 characters, replies through
 * {@code message_reference}, Discord's error bodies, and its rate limits: each channel's bucket
 * counted per bot and told in {@code X-RateLimit-*} headers, and 429 with {@code retry_after} (a
 * float of seconds) for a message sent while it is empty. It also serves images under {@code /files/}.
 */
public final class FakeDiscord implements AutoCloseable {

    public static final String CLIENT_ID = "1234567890123456789";

    public static final String CLIENT_SECRET = "discord-client-secret";

    /** Herald's application's bot: it posts for connected servers. */
    public static final String BOT_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhrLd1.heraldBotSecretPart_0123456789abcdefgh";

    /** Another application's bot, given by hand to an integration. */
    public static final String OWN_BOT_TOKEN = "OTg3NjU0MzIxMDk4NzY1NDMyMQ.GmOwn1.ownBotSecretPart_9876543210zyxwvutsr";

    public static final Guild LAB = new Guild("1100000000000000001", "Herald Lab", "a1b2c3d4");

    public static final Guild SPARE = new Guild("1100000000000000002", "Spare Room", null);

    /** A server of someone else, which Herald's bot is in too. */
    public static final Guild OTHER = new Guild("1100000000000000003", "Other Server", "e5f6");

    public static final String LAB_GENERAL = "1200000000000000001";

    public static final String LAB_NEWS = "1200000000000000002";

    public static final String OTHER_GENERAL = "1200000000000000003";

    private static final Map<String, Guild> CHANNELS = Map.of(LAB_GENERAL, LAB, LAB_NEWS, LAB, OTHER_GENERAL, OTHER);

    private static final JsonMapper json = JsonMapper.builder().build();

    private final PlatformStub http = new PlatformStub();

    private final AtomicLong ids = new AtomicLong(1_300_000_000_000_000_000L);

    private final Map<String, Set<String>> botGuilds = new ConcurrentHashMap<>();

    private final Map<String, String> codes = new ConcurrentHashMap<>();

    private final Map<String, Boolean> personTokens = new ConcurrentHashMap<>();

    private final List<Map<String, String>> grants = new CopyOnWriteArrayList<>();

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private final Queue<Double> rateLimits = new ArrayDeque<>();

    private final Queue<Answer> refusals = new ArrayDeque<>();

    private final List<Answer> answered429 = new CopyOnWriteArrayList<>();

    private volatile List<Membership> person = List.of();

    private volatile Guild addsTo = LAB;

    private volatile int bucketSize = 5;

    private volatile double resetAfter = 5;

    public FakeDiscord() {
        http.answer(this::answer);
        reset();
    }

    public String url(String path) {
        return http.url(path);
    }

    /**
     * Forgets every request, token, message and setting. Herald's bot is in {@link #OTHER} only;
     * the other bot in {@link #LAB}; the person owns {@link #LAB}, manages {@link #SPARE} and is a
     * plain member of {@link #OTHER}.
     */
    public synchronized void reset() {
        botGuilds.clear();
        botGuilds.put(BOT_TOKEN, ConcurrentHashMap.newKeySet());
        botGuilds.get(BOT_TOKEN).add(OTHER.id());
        botGuilds.put(OWN_BOT_TOKEN, ConcurrentHashMap.newKeySet());
        botGuilds.get(OWN_BOT_TOKEN).add(LAB.id());
        codes.clear();
        personTokens.clear();
        grants.clear();
        messages.clear();
        http.forgetFiles();
        buckets.clear();
        rateLimits.clear();
        refusals.clear();
        answered429.clear();
        person = List.of(
                new Membership(LAB, true, "0"),
                new Membership(SPARE, false, Long.toString(1L << 5)),
                new Membership(OTHER, false, Long.toString((1L << 10) | (1L << 11))));
        addsTo = LAB;
        bucketSize = 5;
        resetAfter = 5;
        http.clear();
    }

    /** The server the person adds the bot to in Discord's authorization dialog. */
    public void addsBotTo(Guild guild) {
        this.addsTo = guild;
    }

    /** Herald's bot is in {@code guild} already. */
    public void botIsIn(Guild guild) {
        botGuilds.get(BOT_TOKEN).add(guild.id());
    }

    /** A channel's bucket holds this many messages per bot and refills {@code resetAfter} seconds after it empties. */
    public void buckets(int size, double resetAfter) {
        this.bucketSize = size;
        this.resetAfter = resetAfter;
    }

    /** The next messages are refused with 429 (a per-route limit), each asking to wait {@code seconds}. */
    public synchronized void rateLimit(Double... seconds) {
        rateLimits.addAll(List.of(seconds));
    }

    /** The next message is refused with {@code status} and Discord's {@code body}. */
    public synchronized void refuseNextMessage(int status, String body) {
        refusals.add(Answer.json(status, body));
    }

    /** Serves {@code bytes} at {@code /files/<name>} and answers its URL. */
    public String file(String name, String contentType, byte[] bytes) {
        return http.serve(name, contentType, bytes);
    }

    public List<Received> received() {
        return http.received();
    }

    public List<Received> received(String path) {
        return http.received(path);
    }

    /** Forgets the requests received so far (servers, tokens and messages stay). */
    public void forgetRequests() {
        http.clear();
    }

    public List<Map<String, String>> grants() {
        return List.copyOf(grants);
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The access tokens issued to people who authorized the application. */
    public Set<String> issuedTokens() {
        return Set.copyOf(personTokens.keySet());
    }

    /** How many 429s were answered. */
    public int rateLimited() {
        return answered429.size();
    }

    /** Whether Herald's bot is in {@code guild}. */
    public boolean botIn(Guild guild) {
        return botGuilds.get(BOT_TOKEN).contains(guild.id());
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer answer(Received request) {
        var path = request.path();
        var route = request.method() + " " + path;
        if (route.equals("GET /oauth2/authorize")) {
            return authorize(Forms.decode(request.query()));
        }
        if (route.equals("POST /api/v10/oauth2/token")) {
            return token(request);
        }
        var authorization = request.header("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            if (!personTokens.containsKey(authorization.substring(7))) {
                return unauthorized();
            }
            return route.equals("GET /api/v10/users/@me/guilds") ? personGuilds() : error(403, 50001, "Missing Access");
        }
        var bot = authorization != null && authorization.startsWith("Bot ") ? authorization.substring(4) : null;
        if (bot == null || !botGuilds.containsKey(bot)) {
            return unauthorized();
        }
        if (route.equals("GET /api/v10/users/@me")) {
            return Answer.json(
                    200,
                    json.createObjectNode()
                            .put("id", bot.equals(BOT_TOKEN) ? CLIENT_ID : "9876543210987654321")
                            .put("username", bot.equals(BOT_TOKEN) ? "Herald" : "Own Bot")
                            .put("avatar", "b07a7a")
                            .put("bot", true)
                            .toString());
        }
        if (route.equals("GET /api/v10/users/@me/guilds")) {
            return botGuildList(bot, Forms.decode(request.query()));
        }
        var parts = path.split("/");
        if (parts.length >= 5 && parts[3].equals("channels")) {
            var channel = parts[4];
            var guild = CHANNELS.get(channel);
            if (guild == null) {
                return error(404, 10003, "Unknown Channel");
            }
            if (!botGuilds.get(bot).contains(guild.id())) {
                return error(403, 50001, "Missing Access");
            }
            if (parts.length == 5 && request.method().equals("GET")) {
                return Answer.json(
                        200,
                        json.createObjectNode()
                                .put("id", channel)
                                .put("type", 0)
                                .put("guild_id", guild.id())
                                .put("name", channel.equals(LAB_NEWS) ? "news" : "general")
                                .toString());
            }
            if (parts.length == 6
                    && parts[5].equals("messages")
                    && request.method().equals("POST")) {
                return message(bot, channel, request);
            }
        }
        return error(404, 0, "404: Not Found");
    }

    private Answer authorize(Map<String, String> query) {
        var redirect = query.get("redirect_uri");
        if (!CLIENT_ID.equals(query.get("client_id"))
                || redirect == null
                || !"code".equals(query.get("response_type"))
                || !Set.of(query.getOrDefault("scope", "").split(" ")).containsAll(Set.of("bot", "guilds"))
                || query.get("permissions") == null
                || query.get("state") == null) {
            return Answer.bytes(400, "text/plain", "Invalid OAuth2 request".getBytes(StandardCharsets.UTF_8));
        }
        botGuilds.get(BOT_TOKEN).add(addsTo.id());
        var code = "dcode-" + ids.incrementAndGet();
        codes.put(code, redirect);
        return new Answer(
                302,
                "text/html",
                new byte[0],
                Map.of(
                        "Location",
                        redirect + "?code=" + code + "&state="
                                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8) + "&guild_id="
                                + addsTo.id() + "&permissions=" + query.get("permissions")),
                null);
    }

    private Answer token(Received request) {
        var expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.header("Authorization"))) {
            return Answer.json(401, "{\"error\":\"invalid_client\"}");
        }
        var form = Forms.decode(request.bodyText());
        grants.add(form);
        var redirect = codes.remove(form.getOrDefault("code", ""));
        if (!"authorization_code".equals(form.get("grant_type"))
                || redirect == null
                || !redirect.equals(form.get("redirect_uri"))) {
            return Answer.json(
                    400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid \\\"code\\\" in request.\"}");
        }
        var access = "dat-" + ids.incrementAndGet();
        personTokens.put(access, true);
        var answer = json.createObjectNode()
                .put("token_type", "Bearer")
                .put("access_token", access)
                .put("expires_in", 604800)
                .put("refresh_token", "drt-" + ids.incrementAndGet())
                .put("scope", "bot guilds");
        answer.putObject("guild").put("id", addsTo.id()).put("name", addsTo.name());
        return Answer.json(200, answer.toString());
    }

    private Answer personGuilds() {
        var list = json.createArrayNode();
        for (var membership : person) {
            var guild = list.addObject()
                    .put("id", membership.guild().id())
                    .put("name", membership.guild().name())
                    .put("owner", membership.owner())
                    .put("permissions", membership.permissions());
            guild.put("icon", membership.guild().icon());
        }
        return Answer.json(200, list.toString());
    }

    private Answer botGuildList(String bot, Map<String, String> query) {
        var limit = Integer.parseInt(query.getOrDefault("limit", "200"));
        var after = query.getOrDefault("after", "0");
        var list = json.createArrayNode();
        botGuilds.get(bot).stream()
                .sorted()
                .filter(id -> id.compareTo(after) > 0)
                .limit(limit)
                .forEach(id -> list.addObject().put("id", id).put("name", name(id)));
        return Answer.json(200, list.toString());
    }

    private synchronized Answer message(String bot, String channel, Received request) {
        var refusal = refusals.poll();
        if (refusal != null) {
            return refusal;
        }
        var forced = rateLimits.poll();
        if (forced != null) {
            return tooMany(forced, "user");
        }
        var bucket = buckets.computeIfAbsent(bot + " " + channel, key -> new Bucket());
        var now = System.currentTimeMillis();
        if (bucket.remaining == 0 && now < bucket.resetAt) {
            return tooMany((bucket.resetAt - now) / 1000.0, "user");
        }
        if (bucket.remaining == 0 || now >= bucket.resetAt) {
            bucket.remaining = bucketSize;
            bucket.resetAt = Long.MAX_VALUE;
        }
        var payload = payload(request);
        if (payload == null) {
            return invalid("payload_json", "BASE_TYPE_REQUIRED", "This field is required");
        }
        var content = payload.body().path("content").asString("");
        if (content.codePointCount(0, content.length()) > 2000) {
            return invalid("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
        }
        var attachments = new ArrayList<Attachment>();
        for (var attachment : payload.body().path("attachments")) {
            var file = payload.files().get(attachment.path("id").asInt(-1));
            if (file == null) {
                return invalid("attachments", "ATTACHMENT_NOT_FOUND", "Attachment not found");
            }
            attachments.add(new Attachment(
                    attachment.path("filename").asString(file.fileName()),
                    attachment.path("description").asString(null),
                    file.headers().get("Content-Type"),
                    file.content()));
        }
        if (attachments.size() != payload.files().size()) {
            return invalid("attachments", "ATTACHMENT_NOT_FOUND", "Every file must be an attachment");
        }
        if (content.isEmpty() && attachments.isEmpty()) {
            return error(400, 50006, "Cannot send an empty message");
        }
        String replyTo = null;
        var reference = payload.body().path("message_reference");
        if (reference.isObject()) {
            replyTo = reference.path("message_id").asString("");
            var target = replyTo;
            if (messages.stream().noneMatch(m -> m.channel().equals(channel) && m.id().equals(target))) {
                return invalid("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message");
            }
        }
        var message = new Message(Long.toString(ids.incrementAndGet()), channel, bot, content, attachments, replyTo);
        messages.add(message);
        bucket.remaining--;
        if (bucket.remaining == 0) {
            bucket.resetAt = now + (long) (resetAfter * 1000);
        }
        var answer = json.createObjectNode()
                .put("id", message.id())
                .put("channel_id", channel)
                .put("content", content)
                .put("type", replyTo == null ? 0 : 19);
        var listed = answer.putArray("attachments");
        for (var attachment : attachments) {
            listed.addObject()
                    .put("id", Long.toString(ids.incrementAndGet()))
                    .put("filename", attachment.fileName())
                    .put("size", attachment.bytes().length);
        }
        if (replyTo != null) {
            answer.putObject("message_reference").put("message_id", replyTo).put("channel_id", channel);
        }
        return Answer.json(200, answer.toString())
                .withHeader("X-RateLimit-Limit", Integer.toString(bucketSize))
                .withHeader("X-RateLimit-Remaining", Integer.toString(bucket.remaining))
                .withHeader("X-RateLimit-Reset-After", Double.toString(resetAfter))
                .withHeader("X-RateLimit-Bucket", "c0ffee");
    }

    /** The message's JSON, from the body or from {@code payload_json}, and its files by index. */
    private static Payload payload(Received request) {
        var type = request.header("Content-Type");
        if (type != null && type.startsWith("application/json")) {
            return new Payload(json.readTree(request.bodyText()), Map.of());
        }
        if (type == null || !type.startsWith("multipart/form-data")) {
            return null;
        }
        var form = MultipartBody.parse(type, request.body());
        var files = new HashMap<Integer, MultipartBody.Part>();
        JsonNode body = null;
        for (var part : form.parts()) {
            if ("payload_json".equals(part.name())) {
                body = json.readTree(part.text());
            } else if (part.name() != null && part.name().matches("files\\[[0-9]+]") && part.fileName() != null) {
                files.put(Integer.parseInt(part.name().substring(6, part.name().length() - 1)), part);
            }
        }
        return body == null ? null : new Payload(body, files);
    }

    private Answer tooMany(double seconds, String scope) {
        var answer = Answer.json(
                        429,
                        json.createObjectNode()
                                .put("message", "You are being rate limited.")
                                .put("retry_after", seconds)
                                .put("global", false)
                                .toString())
                .withHeader("Retry-After", Long.toString((long) Math.ceil(seconds)))
                .withHeader("X-RateLimit-Limit", Integer.toString(bucketSize))
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset-After", Double.toString(seconds))
                .withHeader("X-RateLimit-Scope", scope);
        answered429.add(answer);
        return answer;
    }

    private static Answer invalid(String field, String code, String message) {
        var body = json.createObjectNode().put("code", 50035).put("message", "Invalid Form Body");
        body.putObject("errors")
                .putObject(field)
                .putArray("_errors")
                .addObject()
                .put("code", code)
                .put("message", message);
        return Answer.json(400, body.toString());
    }

    private static Answer error(int status, int code, String message) {
        return Answer.json(
                status,
                json.createObjectNode()
                        .put("message", message)
                        .put("code", code)
                        .toString());
    }

    private static Answer unauthorized() {
        return error(401, 0, "401: Unauthorized");
    }

    private static String name(String guildId) {
        for (var guild : List.of(LAB, SPARE, OTHER)) {
            if (guild.id().equals(guildId)) {
                return guild.name();
            }
        }
        return "Server " + guildId;
    }

    public record Guild(String id, String name, String icon) {}

    private record Membership(Guild guild, boolean owner, String permissions) {}

    public record Attachment(String fileName, String description, String contentType, byte[] bytes) {}

    /** A message as Discord keeps it; {@code bot} is the token that sent it. */
    public record Message(
            String id, String channel, String bot, String content, List<Attachment> attachments, String replyTo) {}

    private record Payload(JsonNode body, Map<Integer, MultipartBody.Part> files) {}

    private static final class Bucket {

        int remaining = -1;

        long resetAt = 0;
    }
}
