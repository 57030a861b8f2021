package io.herald.integrations.mastodon;

import io.herald.support.MultipartBody;
import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Mastodon instance as its API documentation describes it, on a local port: bearer tokens, the
 * v2 media API (202 while processing, {@code GET /api/v1/media/:id} answering 206 until done),
 * statuses with {@code Idempotency-Key} (a repeated key answers the status it made), the character
 * limit (422), and media that must be processed before a status attaches them. The account
 * ({@code /api/v1/accounts/verify_credentials}) lists its statuses, newest first
 * ({@code /api/v1/accounts/:id/statuses}), its lists ({@code /api/v1/lists}) and the instance its limits
 * ({@code /api/v2/instance}). It also serves the images posts point at, under
 * {@code /files/}.
 */
public final class MastodonInstanceStub implements AutoCloseable {

    public static final String TOKEN = "mastodon-access-token";

    /** How a status request goes wrong before or after the instance acted on it. */
    enum Fault {
        /** 503 without doing anything. */
        UNAVAILABLE,
        /** Makes the status, then drops the connection: the answer is lost. */
        ANSWER_LOST,
        /** Drops the connection before making the status: nothing was made, but the caller cannot tell. */
        LOST_BEFORE_MAKING
    }

    /** The account's followers and follows, as verify_credentials counts them. */
    public static final int FOLLOWERS = 42;

    public static final int FOLLOWING = 7;

    /** Every status's favourites, boosts and replies. */
    public static final int FAVOURITES = 5;

    public static final int REBLOGS = 2;

    public static final int REPLIES = 1;

    public static final String ACCOUNT = "108000000000000001";

    private static final JsonMapper json = JsonMapper.builder().build();

    private final PlatformStub http = new PlatformStub();

    private final AtomicLong ids = new AtomicLong(109_000_000_000_000_000L);

    private final Map<String, Integer> pollsUntilProcessed = new ConcurrentHashMap<>();

    private final Map<String, ObjectNode> media = new ConcurrentHashMap<>();

    private final Map<String, ObjectNode> statusesByKey = new ConcurrentHashMap<>();

    private final List<ObjectNode> statuses = new CopyOnWriteArrayList<>();

    private final Queue<Fault> statusFaults = new ArrayDeque<>();

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    private volatile int characterLimit = 500;

    private volatile int processingPolls = 0;

    public MastodonInstanceStub() {
        http.answer(this::answer);
    }

    public String url() {
        return http.url("");
    }

    /** Serves {@code bytes} at {@code /files/<name>} and answers its URL. */
    public String file(String name, byte[] bytes) {
        files.put(name, bytes.clone());
        return http.url("/files/" + name);
    }

    /** Instances may set a lower limit than Mastodon's default 500. */
    public void characterLimit(int limit) {
        this.characterLimit = limit;
    }

    /** Uploads answer 202 and take this many polls before they have a URL. */
    void processingPolls(int polls) {
        this.processingPolls = polls;
    }

    synchronized void failStatusRequests(Fault... faults) {
        statusFaults.addAll(List.of(faults));
    }

    public List<Received> received(String path) {
        return http.received(path);
    }

    List<Received> received() {
        return http.received();
    }

    /** The statuses the instance made, oldest first. */
    public List<ObjectNode> statuses() {
        return Collections.unmodifiableList(statuses);
    }

    private Answer answer(Received request) {
        var path = request.path();
        if (request.method().equals("GET") && path.startsWith("/files/")) {
            var file = files.get(path.substring("/files/".length()));
            return file == null ? Answer.json(404, "{\"error\":\"Not found\"}") : Answer.bytes(200, "image/png", file);
        }
        if (!("Bearer " + TOKEN).equals(request.header("Authorization"))) {
            return Answer.json(401, "{\"error\":\"The access token is invalid\"}");
        }
        if (request.method().equals("POST") && path.equals("/api/v2/media")) {
            return upload(request);
        }
        if (request.method().equals("GET") && path.startsWith("/api/v1/media/")) {
            return poll(path.substring("/api/v1/media/".length()));
        }
        if (request.method().equals("POST") && path.equals("/api/v1/statuses")) {
            return status(request);
        }
        if (request.method().equals("GET") && path.equals("/api/v1/accounts/verify_credentials")) {
            return Answer.json(
                    200,
                    "{\"id\":\"" + ACCOUNT + "\",\"username\":\"herald\",\"acct\":\"herald\",\"followers_count\":"
                            + FOLLOWERS + ",\"following_count\":" + FOLLOWING + ",\"statuses_count\":" + statuses.size()
                            + "}");
        }
        if (request.method().equals("GET") && path.startsWith("/api/v1/statuses/")) {
            var id = path.substring("/api/v1/statuses/".length());
            return statuses.stream()
                    .filter(status -> status.path("id").asString().equals(id))
                    .findFirst()
                    .map(status -> Answer.json(200, status.toString()))
                    .orElseGet(() -> Answer.json(404, "{\"error\":\"Record not found\"}"));
        }
        if (request.method().equals("GET") && path.equals("/api/v1/lists")) {
            return Answer.json(200, """
                    [{"id":"12","title":"Friends","replies_policy":"list","exclusive":false},
                     {"id":"13","title":"Work","replies_policy":"followed","exclusive":true}]""");
        }
        if (request.method().equals("GET") && path.equals("/api/v2/instance")) {
            return Answer.json(
                    200,
                    "{\"domain\":\"mastodon.test\",\"configuration\":{\"statuses\":{\"max_characters\":"
                            + characterLimit + ",\"max_media_attachments\":4}}}");
        }
        if (request.method().equals("GET") && path.equals("/api/v1/accounts/" + ACCOUNT + "/statuses")) {
            var newestFirst = json.createArrayNode();
            for (int i = statuses.size() - 1; i >= 0; i--) {
                newestFirst.add(statuses.get(i));
            }
            return Answer.json(200, newestFirst.toString());
        }
        return Answer.json(404, "{\"error\":\"Record not found\"}");
    }

    private Answer upload(Received request) {
        var form = MultipartBody.parse(request.header("Content-Type"), request.body());
        var file = form.parts().stream()
                .filter(p -> "file".equals(p.name()) && p.fileName() != null)
                .findFirst();
        if (file.isEmpty()) {
            return Answer.json(422, "{\"error\":\"Validation failed: File can't be blank\"}");
        }
        var id = Long.toString(ids.incrementAndGet());
        var attachment = json.createObjectNode();
        attachment.put("id", id);
        attachment.put("type", "image");
        attachment.putNull("url");
        attachment.put("preview_url", url() + "/system/media/small/" + id + ".png");
        var description = form.parts().stream()
                .filter(p -> "description".equals(p.name()))
                .findFirst();
        if (description.isPresent()) {
            attachment.put("description", description.get().text());
        } else {
            attachment.putNull("description");
        }
        media.put(id, attachment);
        if (processingPolls > 0) {
            pollsUntilProcessed.put(id, processingPolls);
            return Answer.json(202, attachment.toString());
        }
        processed(attachment);
        return Answer.json(200, attachment.toString());
    }

    private Answer poll(String id) {
        var attachment = media.get(id);
        if (attachment == null) {
            return Answer.json(404, "{\"error\":\"Record not found\"}");
        }
        var left = pollsUntilProcessed.merge(id, -1, Integer::sum);
        if (left > 0) {
            return Answer.json(206, attachment.toString());
        }
        processed(attachment);
        return Answer.json(200, attachment.toString());
    }

    private void processed(ObjectNode attachment) {
        attachment.put(
                "url", url() + "/system/media/original/" + attachment.path("id").asString() + ".png");
    }

    private Answer status(Received request) {
        Fault fault;
        synchronized (this) {
            fault = statusFaults.poll();
        }
        if (fault == Fault.UNAVAILABLE) {
            return Answer.json(503, "{\"error\":\"Service Unavailable\"}");
        }
        if (fault == Fault.LOST_BEFORE_MAKING) {
            return Answer.dropConnection();
        }
        var key = request.header("Idempotency-Key");
        if (key != null && statusesByKey.containsKey(key)) {
            return Answer.json(200, statusesByKey.get(key).toString());
        }
        JsonNode body = json.readTree(request.bodyText());
        var text = body.path("status").asString("");
        if (text.codePointCount(0, text.length()) > characterLimit) {
            return Answer.json(
                    422, "{\"error\":\"Validation failed: Text character limit of " + characterLimit + " exceeded\"}");
        }
        var attachments = json.createArrayNode();
        for (var mediaId : body.path("media_ids")) {
            var attachment = media.get(mediaId.asString());
            if (attachment == null) {
                return Answer.json(404, "{\"error\":\"Record not found\"}");
            }
            if (!attachment.path("url").isString()) {
                return Answer.json(
                        422,
                        "{\"error\":\"Cannot attach files that have not finished processing. Try again in a moment!\"}");
            }
            attachments.add(attachment);
        }
        var replyTo = body.path("in_reply_to_id");
        if (replyTo.isString()
                && statuses.stream().noneMatch(s -> s.path("id").asString().equals(replyTo.asString()))) {
            return Answer.json(404, "{\"error\":\"Record not found\"}");
        }
        var status = make(text, body.path("visibility").asString("public"), null);
        if (replyTo.isString()) {
            status.put("in_reply_to_id", replyTo.asString());
        } else {
            status.putNull("in_reply_to_id");
        }
        status.set("media_attachments", attachments);
        statuses.add(status);
        if (key != null) {
            statusesByKey.put(key, status);
        }
        return fault == Fault.ANSWER_LOST ? Answer.dropConnection() : Answer.json(200, status.toString());
    }

    /** A status the account makes outside Herald (in its own app), as the instance answers it. */
    public ObjectNode post(String text) {
        var status = make(text, "public", ACCOUNT);
        status.putNull("in_reply_to_id");
        status.set("media_attachments", json.createArrayNode());
        statuses.add(status);
        return status;
    }

    /** A status of {@code account} (the token's when null) with its id, addresses and text. */
    private ObjectNode make(String text, String visibility, String account) {
        var id = Long.toString(ids.incrementAndGet());
        var status = json.createObjectNode();
        status.put("id", id);
        status.put("uri", url() + "/users/herald/statuses/" + id);
        status.put("url", url() + "/@herald/" + id);
        status.put("created_at", Instant.now().toString());
        status.put("content", "<p>" + text + "</p>");
        status.put("visibility", visibility);
        status.putObject("account")
                .put("id", account == null ? ACCOUNT : account)
                .put("acct", "herald");
        status.put("favourites_count", FAVOURITES);
        status.put("reblogs_count", REBLOGS);
        status.put("replies_count", REPLIES);
        return status;
    }

    @Override
    public void close() {
        http.close();
    }
}
