package io.herald.integrations.bluesky;

import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Bluesky PDS as the AT Protocol's XRPC methods describe it, on a local port: app-password
 * sessions, bearer tokens, blobs, and {@code com.atproto.repo.putRecord} with its no-op for an
 * identical record and its {@code swapRecord} check. XRPC errors are {@code {"error","message"}}. It
 * also serves the images posts point at, under {@code /files/}.
 */
public final class BlueskyPdsStub implements AutoCloseable {

    public static final String HANDLE = "herald.bsky.social";

    public static final String PASSWORD = "abcd-efgh-ijkl-mnop";

    /** The account's profile counts, and every post's. */
    public static final int FOLLOWERS = 120;

    public static final int FOLLOWS = 80;

    public static final int LIKES = 4;

    public static final int REPOSTS = 3;

    public static final int REPLIES = 2;

    public static final int QUOTES = 1;

    public static final String OTHER_HANDLE = "alice.bsky.social";

    public static final String OTHER_DID = "did:plc:alice0000000000000000000";

    public static final String DID = "did:plc:z72i7hdynmk6r22z27h6tvur";

    static final String ACCESS_JWT = "eyJhbGciOiJIUzI1NiJ9.access.herald";

    private static final Pattern TID = Pattern.compile("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    /** How a putRecord goes wrong before or after the PDS acted on it. */
    enum Fault {
        /** 502 without doing anything. */
        UNAVAILABLE,
        /** Writes the record, then drops the connection: the answer is lost. */
        ANSWER_LOST
    }

    private static final JsonMapper json = JsonMapper.builder().build();

    private final PlatformStub http = new PlatformStub();

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    /** The repo's post records by rkey, in the order they were written. */
    private final Map<String, StoredRecord> records = new LinkedHashMap<>();

    private final Queue<Fault> putFaults = new ArrayDeque<>();

    private final AtomicInteger commits = new AtomicInteger();

    record StoredRecord(String uri, String cid, JsonNode value) {}

    public BlueskyPdsStub() {
        http.answer(this::answer);
    }

    public String url() {
        return http.url("");
    }

    String file(String name, byte[] bytes) {
        files.put(name, bytes.clone());
        return http.url("/files/" + name);
    }

    synchronized void failPutRecord(Fault... faults) {
        putFaults.addAll(List.of(faults));
    }

    /** The post records in the repo, oldest first. */
    synchronized List<StoredRecord> records() {
        return List.copyOf(records.values());
    }

    /** How many commits changed the repo; a no-op write makes none. */
    int commits() {
        return commits.get();
    }

    public List<Received> received(String path) {
        return http.received(path);
    }

    List<Received> received() {
        return http.received();
    }

    private Answer answer(Received request) {
        var path = request.path();
        if (request.method().equals("GET") && path.startsWith("/files/")) {
            var file = files.get(path.substring("/files/".length()));
            return file == null ? Answer.json(404, "{}") : Answer.bytes(200, "image/png", file);
        }
        if (request.method().equals("GET") && path.equals("/xrpc/com.atproto.identity.resolveHandle")) {
            return resolveHandle(request);
        }
        if (request.method().equals("GET") && path.equals("/xrpc/app.bsky.feed.getAuthorFeed")) {
            return authorized(request) ? authorFeed(request) : unauthorized();
        }
        if (request.method().equals("GET") && path.equals("/xrpc/app.bsky.actor.getProfile")) {
            return authorized(request) ? profile() : unauthorized();
        }
        if (request.method().equals("GET") && path.equals("/xrpc/app.bsky.feed.getPosts")) {
            return authorized(request) ? posts(request) : unauthorized();
        }
        if (!request.method().equals("POST")) {
            return error(405, "InvalidRequest", "Method Not Allowed");
        }
        return switch (path) {
            case "/xrpc/com.atproto.server.createSession" -> createSession(request);
            case "/xrpc/com.atproto.repo.uploadBlob" -> authorized(request) ? uploadBlob(request) : unauthorized();
            case "/xrpc/com.atproto.repo.putRecord" -> authorized(request) ? putRecord(request) : unauthorized();
            default -> error(501, "MethodNotImplemented", "Method Not Implemented");
        };
    }

    private Answer createSession(Received request) {
        var body = json.readTree(request.bodyText());
        if (!HANDLE.equals(body.path("identifier").asString())
                || !PASSWORD.equals(body.path("password").asString())) {
            return error(401, "AuthenticationRequired", "Invalid identifier or password");
        }
        var session = json.createObjectNode()
                .put("accessJwt", ACCESS_JWT)
                .put("refreshJwt", "eyJhbGciOiJIUzI1NiJ9.refresh.herald")
                .put("handle", HANDLE)
                .put("did", DID)
                .put("active", true);
        return Answer.json(200, session.toString());
    }

    private Answer uploadBlob(Received request) {
        var blob = json.createObjectNode();
        blob.put("$type", "blob");
        blob.putObject("ref").put("$link", "bafkrei" + sha256(request.body()).substring(0, 40));
        blob.put("mimeType", request.header("Content-Type"));
        blob.put("size", request.body().length);
        var answer = json.createObjectNode();
        answer.set("blob", blob);
        return Answer.json(200, answer.toString());
    }

    private synchronized Answer putRecord(Received request) {
        var fault = putFaults.poll();
        if (fault == Fault.UNAVAILABLE) {
            return error(502, "UpstreamFailure", "Upstream Failure");
        }
        var input = json.readTree(request.bodyText());
        if (!DID.equals(input.path("repo").asString())
                && !HANDLE.equals(input.path("repo").asString())) {
            return error(401, "AuthRequired", "Authentication Required");
        }
        var rkey = input.path("rkey").asString("");
        var record = input.path("record");
        if (!"app.bsky.feed.post".equals(input.path("collection").asString())
                || !"app.bsky.feed.post".equals(record.path("$type").asString())) {
            return error(400, "InvalidRequest", "Invalid collection or $type");
        }
        // app.bsky.feed.post's lexicon says "key": "tid"
        if (!TID.matcher(rkey).matches()) {
            return error(400, "InvalidRequest", "Invalid record key: " + rkey);
        }
        var text = record.path("text").asString("");
        if (GRAPHEME.matcher(text).results().count() > 300) {
            return error(
                    400,
                    "InvalidRequest",
                    "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes");
        }
        if (record.has("reply")) {
            for (var ref : List.of("root", "parent")) {
                var target = record.path("reply").path(ref);
                var found = records.values().stream()
                        .anyMatch(r -> r.uri().equals(target.path("uri").asString())
                                && r.cid().equals(target.path("cid").asString()));
                if (!found) {
                    return error(400, "InvalidRequest", "Could not locate record: " + target);
                }
            }
        }
        var uri = "at://" + DID + "/app.bsky.feed.post/" + rkey;
        var cid = "bafyrei"
                + sha256(record.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 52);
        var current = records.get(rkey);
        if (current == null || !current.cid().equals(cid)) {
            // swapRecord null: write only where there is no record yet
            if (current != null
                    && input.has("swapRecord")
                    && input.path("swapRecord").isNull()) {
                return error(400, "InvalidSwap", "Record was at " + current.cid());
            }
            records.put(rkey, new StoredRecord(uri, cid, record));
            commits.incrementAndGet();
        }
        var answer = json.createObjectNode().put("uri", uri).put("cid", cid);
        ObjectNode commit = answer.putObject("commit");
        commit.put("cid", "bafyreicommit" + commits.get());
        commit.put("rev", "3lcommit" + commits.get());
        answer.put("validationStatus", "valid");
        return fault == Fault.ANSWER_LOST ? Answer.dropConnection() : Answer.json(200, answer.toString());
    }

    private static boolean authorized(Received request) {
        return ("Bearer " + ACCESS_JWT).equals(request.header("Authorization"));
    }

    private static Answer unauthorized() {
        return error(401, "AuthenticationRequired", "Authentication Required");
    }

    private static Answer error(int status, String error, String message) {
        return Answer.json(
                status,
                json.createObjectNode()
                        .put("error", error)
                        .put("message", message)
                        .toString());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A post the account makes outside Herald (in its own app); answers its {@code at://} URI. */
    public synchronized String post(String rkey, String text) {
        var record = json.createObjectNode()
                .put("$type", "app.bsky.feed.post")
                .put("text", text)
                .put("createdAt", java.time.Instant.now().toString());
        var uri = "at://" + DID + "/app.bsky.feed.post/" + rkey;
        var cid = "bafyrei"
                + sha256(record.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 52);
        records.put(rkey, new StoredRecord(uri, cid, record));
        commits.incrementAndGet();
        return uri;
    }

    /** {@code app.bsky.feed.getAuthorFeed}: the repo's posts newest first, as post views, and one repost of another account's. */
    private synchronized Answer authorFeed(Received request) {
        var query = request.query() == null ? "" : java.net.URLDecoder.decode(request.query(), StandardCharsets.UTF_8);
        if (!query.contains("actor=" + DID)) {
            return error(400, "InvalidRequest", "Profile not found");
        }
        var feed = json.createArrayNode();
        var all = List.copyOf(records.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            feed.addObject().set("post", view(all.get(i)));
        }
        var repost = feed.addObject();
        repost.putObject("post")
                .put("uri", "at://" + OTHER_DID + "/app.bsky.feed.post/3kother0000000")
                .put("cid", "bafyreiother")
                .putObject("author")
                .put("did", OTHER_DID)
                .put("handle", OTHER_HANDLE);
        repost.putObject("reason").put("$type", "app.bsky.feed.defs#reasonRepost");
        var answer = json.createObjectNode();
        answer.set("feed", feed);
        return Answer.json(200, answer.toString());
    }

    /** {@code app.bsky.actor.getProfile} of the account. */
    private synchronized Answer profile() {
        var profile = json.createObjectNode()
                .put("did", DID)
                .put("handle", HANDLE)
                .put("followersCount", FOLLOWERS)
                .put("followsCount", FOLLOWS)
                .put("postsCount", records.size());
        return Answer.json(200, profile.toString());
    }

    /** {@code app.bsky.feed.getPosts}: the posts of the given URIs that exist. */
    private synchronized Answer posts(Received request) {
        var query = request.query() == null ? "" : java.net.URLDecoder.decode(request.query(), StandardCharsets.UTF_8);
        var posts = json.createArrayNode();
        for (var record : records.values()) {
            if (query.contains("uris=" + record.uri())) {
                posts.add(view(record));
            }
        }
        var answer = json.createObjectNode();
        answer.set("posts", posts);
        return Answer.json(200, answer.toString());
    }

    private static ObjectNode view(StoredRecord record) {
        var view = json.createObjectNode().put("uri", record.uri()).put("cid", record.cid());
        view.putObject("author").put("did", DID).put("handle", HANDLE);
        view.set("record", record.value());
        view.put("likeCount", LIKES)
                .put("repostCount", REPOSTS)
                .put("replyCount", REPLIES)
                .put("quoteCount", QUOTES);
        return view;
    }

    /** {@code com.atproto.identity.resolveHandle}: the account's own handle, and one other. */
    private static Answer resolveHandle(Received request) {
        var handle = request.query() == null ? "" : request.query().replaceFirst("^handle=", "");
        return switch (handle) {
            case HANDLE -> Answer.json(200, "{\"did\":\"" + DID + "\"}");
            case OTHER_HANDLE -> Answer.json(200, "{\"did\":\"" + OTHER_DID + "\"}");
            default -> error(400, "InvalidRequest", "Unable to resolve handle");
        };
    }

    @Override
    public void close() {
        http.close();
    }
}
