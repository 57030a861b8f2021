package io.herald.integrations.linkedin;

import io.herald.support.Forms;
import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * LinkedIn as its documentation describes it, on a local port: the 3-legged OAuth authorization
 * (redirecting with a code) and token endpoint (client id and secret in the form, codes used once,
 * refresh tokens only for apps enabled for them), OpenID's {@code /v2/userinfo}, the versioned REST
 * API ({@code LinkedIn-Version} and {@code X-Restli-Protocol-Version: 2.0.0} required on every call,
 * else LinkedIn's 400): organization ACLs and organizations, {@code images?action=initializeUpload}
 * with its upload URL, {@code /rest/posts} (201 with {@code x-restli-id}; the author must be the
 * member or a page the member administers; images must have been uploaded) and comments through
 * {@code socialActions}, with LinkedIn's error bodies. It also serves the images posts point at.
 */
public final class FakeLinkedIn implements AutoCloseable {

    public static final String CLIENT_ID = "linkedin-client-id";

    public static final String CLIENT_SECRET = "linkedin-client-secret";

    public static final String VERSION = "202610";

    public static final Member ME = new Member("aBcD3fG", "Ada Lovelace", "https://media.licdn.test/ada.jpg");

    private static final Pattern VERSION_FORM = Pattern.compile("[0-9]{6}");

    private static final JsonMapper json = JsonMapper.builder().build();

    private final PlatformStub http = new PlatformStub();

    private final SecureRandom random = new SecureRandom();

    private final AtomicLong ids = new AtomicLong(7_300_000_000_000_000_000L);

    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    private final Map<String, Member> accessTokens = new ConcurrentHashMap<>();

    private final Map<String, Member> refreshTokens = new ConcurrentHashMap<>();

    private final List<String> issued = new CopyOnWriteArrayList<>();

    private final List<Map<String, String>> grants = new CopyOnWriteArrayList<>();

    private final Map<String, Organization> organizations = new ConcurrentHashMap<>();

    private final Map<String, Image> images = new ConcurrentHashMap<>();

    private final List<ObjectNode> posts = new CopyOnWriteArrayList<>();

    private final List<ObjectNode> comments = new CopyOnWriteArrayList<>();

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    private volatile boolean issueRefreshTokens;

    private volatile long expiresIn = 5_184_000;

    private volatile Answer postRefusal;

    public FakeLinkedIn() {
        http.answer(this::answer);
    }

    public String url(String path) {
        return http.url(path);
    }

    public synchronized void reset() {
        codes.clear();
        accessTokens.clear();
        refreshTokens.clear();
        issued.clear();
        grants.clear();
        organizations.clear();
        images.clear();
        posts.clear();
        comments.clear();
        files.clear();
        issueRefreshTokens = false;
        expiresIn = 5_184_000;
        postRefusal = null;
        http.clear();
    }

    /** The app is enabled for programmatic refresh: token answers carry a refresh token. */
    public void issueRefreshTokens() {
        this.issueRefreshTokens = true;
    }

    /** Access tokens issued from now on last this many seconds. */
    public void tokensLast(long seconds) {
        this.expiresIn = seconds;
    }

    /** {@link #ME} administers this page. */
    public void administers(String id, String name, String vanityName) {
        organizations.put(id, new Organization(id, name, vanityName));
    }

    /** Every {@code POST /rest/posts} gets this answer from now on. */
    public void refusePosts(int status, String body) {
        this.postRefusal = Answer.json(status, body);
    }

    public void revoke(String accessToken) {
        accessTokens.remove(accessToken);
    }

    public String file(String name, byte[] bytes) {
        files.put(name, bytes.clone());
        return http.url("/files/" + name);
    }

    public List<Received> received() {
        return http.received();
    }

    public List<Received> received(String path) {
        return http.received(path);
    }

    public List<Map<String, String>> grants() {
        return List.copyOf(grants);
    }

    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    public List<ObjectNode> posts() {
        return List.copyOf(posts);
    }

    public List<ObjectNode> comments() {
        return List.copyOf(comments);
    }

    /** The bytes uploaded for an image URN. */
    public byte[] image(String urn) {
        var image = images.get(urn);
        return image == null ? null : image.bytes;
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer answer(Received request) {
        var path = request.path();
        var route = request.method() + " " + path;
        if (route.equals("GET /oauth/v2/authorization")) {
            return authorize(Forms.decode(request.query()));
        }
        if (route.equals("POST /oauth/v2/accessToken")) {
            return token(Forms.decode(request.bodyText()));
        }
        if (path.startsWith("/files/")) {
            var file = files.get(path.substring("/files/".length()));
            return file == null ? Answer.json(404, "{}") : Answer.bytes(200, "image/png", file);
        }
        var member = bearer(request);
        if (member == null) {
            return Answer.json(
                    401,
                    "{\"status\":401,\"serviceErrorCode\":65600,\"code\":\"INVALID_ACCESS_TOKEN\","
                            + "\"message\":\"Invalid access token\"}");
        }
        if (route.equals("GET /v2/userinfo")) {
            var me = json.createObjectNode()
                    .put("sub", member.id())
                    .put("name", member.name())
                    .put("given_name", member.name().split(" ")[0])
                    .put("picture", member.picture())
                    .put("email_verified", true);
            return Answer.json(200, me.toString());
        }
        if (route.startsWith("PUT /upload/")) {
            var image = images.values().stream()
                    .filter(candidate -> candidate.uploadPath.equals(path))
                    .findFirst()
                    .orElse(null);
            if (image == null) {
                return Answer.json(404, "{\"status\":404,\"message\":\"Unknown upload\"}");
            }
            image.bytes = request.body();
            return new Answer(201, "application/json", new byte[0], Map.of(), null);
        }
        var versioned = versioned(request);
        if (versioned != null) {
            return versioned;
        }
        if (route.equals("GET /rest/organizationAcls")) {
            var query = Forms.decode(request.query());
            if (!"roleAssignee".equals(query.get("q")) || !"ADMINISTRATOR".equals(query.get("role"))) {
                return Answer.json(400, "{\"status\":400,\"message\":\"Unsupported finder\"}");
            }
            var answer = json.createObjectNode();
            var elements = answer.putArray("elements");
            organizations.values().stream()
                    .sorted((a, b) -> a.id().compareTo(b.id()))
                    .forEach(organization -> elements.addObject()
                            .put("roleAssignee", "urn:li:person:" + member.id())
                            .put("state", "APPROVED")
                            .put("role", "ADMINISTRATOR")
                            .put("organization", "urn:li:organization:" + organization.id()));
            return Answer.json(200, answer.toString());
        }
        if (route.startsWith("GET /rest/organizations/")) {
            var organization = organizations.get(path.substring("/rest/organizations/".length()));
            if (organization == null) {
                return Answer.json(404, "{\"status\":404,\"message\":\"Not found\"}");
            }
            return Answer.json(
                    200,
                    json.createObjectNode()
                            .put("id", Long.parseLong(organization.id()))
                            .put("localizedName", organization.name())
                            .put("vanityName", organization.vanityName())
                            .toString());
        }
        if (route.equals("POST /rest/images") && "action=initializeUpload".equals(request.query())) {
            var owner = json.readTree(request.bodyText())
                    .path("initializeUploadRequest")
                    .path("owner")
                    .asString("");
            if (!mayAct(member, owner)) {
                return denied("images.CREATE");
            }
            var id = "D4E10AQ" + ids.incrementAndGet();
            var image = new Image("urn:li:image:" + id, "/upload/" + id, owner);
            images.put(image.urn, image);
            var answer = json.createObjectNode();
            answer.putObject("value")
                    .put("uploadUrlExpiresAt", System.currentTimeMillis() + 3_600_000)
                    .put("uploadUrl", http.url(image.uploadPath))
                    .put("image", image.urn);
            return Answer.json(200, answer.toString());
        }
        if (route.equals("POST /rest/posts")) {
            return post(member, (ObjectNode) json.readTree(request.bodyText()));
        }
        if (route.startsWith("POST /rest/socialActions/") && path.endsWith("/comments")) {
            var raw = request.path().substring("/rest/socialActions/".length(), path.length() - "/comments".length());
            return comment(member, URLDecoder.decode(raw, StandardCharsets.UTF_8), json.readTree(request.bodyText()));
        }
        return Answer.json(404, "{\"status\":404,\"message\":\"No resource found\"}");
    }

    /** LinkedIn's answer to a REST call without the versioning headers; null when they are there. */
    private static Answer versioned(Received request) {
        var version = request.header("LinkedIn-Version");
        if (version == null || !VERSION_FORM.matcher(version).matches()) {
            return Answer.json(
                    400,
                    "{\"status\":400,\"code\":\"VERSION_MISSING\",\"message\":\"A version must be present. Please"
                            + " specify a version by adding the LinkedIn-Version header.\"}");
        }
        if (!"2.0.0".equals(request.header("X-Restli-Protocol-Version"))) {
            return Answer.json(
                    400,
                    "{\"status\":400,\"message\":\"Protocol version 2.0.0 is required (X-Restli-Protocol-Version)\"}");
        }
        return null;
    }

    private Answer post(Member member, ObjectNode body) {
        if (postRefusal != null) {
            return postRefusal;
        }
        var author = body.path("author").asString("");
        if (!mayAct(member, author)) {
            return denied("partnerApiPostsExternal.CREATE.20251001");
        }
        if (!"PUBLISHED".equals(body.path("lifecycleState").asString())
                || !body.path("distribution").path("feedDistribution").isString()
                || !body.path("visibility").isString()) {
            return Answer.json(
                    422,
                    "{\"status\":422,\"message\":\"ERROR :: /lifecycleState :: field is required but not found\"}");
        }
        var commentary = body.path("commentary").asString("");
        if (commentary.codePointCount(0, commentary.length()) > 3000) {
            return Answer.json(422, "{\"status\":422,\"message\":\"ERROR :: /commentary :: is too long\"}");
        }
        var content = body.path("content");
        var referenced = new ArrayList<String>();
        if (content.has("media")) {
            referenced.add(content.path("media").path("id").asString(""));
        }
        for (var image : content.path("multiImage").path("images")) {
            referenced.add(image.path("id").asString(""));
        }
        for (var urn : referenced) {
            var image = images.get(urn);
            if (image == null || image.bytes == null || !image.owner.equals(author)) {
                return Answer.json(
                        422,
                        "{\"status\":422,\"message\":\"ERROR :: /content/media/id :: " + urn + " is not uploaded\"}");
            }
        }
        var urn = "urn:li:share:" + ids.incrementAndGet();
        posts.add(body.deepCopy().put("id", urn));
        return new Answer(201, "application/json", new byte[0], Map.of("x-restli-id", urn), null);
    }

    private Answer comment(Member member, String post, JsonNode body) {
        var actor = body.path("actor").asString("");
        if (!mayAct(member, actor)) {
            return denied("comments.CREATE");
        }
        if (posts.stream().noneMatch(p -> p.path("id").asString().equals(post))
                || !post.equals(body.path("object").asString(""))) {
            return Answer.json(404, "{\"status\":404,\"message\":\"The post " + post + " does not exist\"}");
        }
        if (!body.path("message").path("text").isString()) {
            return Answer.json(422, "{\"status\":422,\"message\":\"ERROR :: /message/text :: is required\"}");
        }
        var id = Long.toString(ids.incrementAndGet());
        var urn = "urn:li:comment:(" + post + "," + id + ")";
        var stored = ((ObjectNode) body.deepCopy()).put("id", id).put("$URN", urn);
        comments.add(stored);
        return new Answer(
                201,
                "application/json",
                stored.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("x-restli-id", urn),
                null);
    }

    private boolean mayAct(Member member, String urn) {
        return urn.equals("urn:li:person:" + member.id())
                || (urn.startsWith("urn:li:organization:")
                        && organizations.containsKey(urn.substring("urn:li:organization:".length())));
    }

    private static Answer denied(String permission) {
        return Answer.json(
                403,
                "{\"status\":403,\"serviceErrorCode\":100,\"code\":\"ACCESS_DENIED\",\"message\":\"Not enough"
                        + " permissions to access: " + permission + "\"}");
    }

    private Answer authorize(Map<String, String> query) {
        var redirect = query.get("redirect_uri");
        if (!CLIENT_ID.equals(query.get("client_id"))
                || redirect == null
                || !"code".equals(query.get("response_type"))
                || query.get("state") == null
                || query.getOrDefault("scope", "").isEmpty()) {
            return Answer.bytes(400, "text/plain", "invalid request".getBytes(StandardCharsets.UTF_8));
        }
        var code = "licode-" + random(24);
        codes.put(code, new Code(redirect, query.get("scope")));
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

    private Answer token(Map<String, String> form) {
        grants.add(form);
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return Answer.json(
                    401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            var code = codes.remove(form.getOrDefault("code", ""));
            if (code == null || !code.redirectUri().equals(form.get("redirect_uri"))) {
                return Answer.json(
                        400,
                        "{\"error\":\"invalid_request\",\"error_description\":\"Unable to retrieve access token:"
                                + " appid/redirect uri/code verifier does not match authorization code. Or"
                                + " authorization code expired.\"}");
            }
            return issue(ME, null);
        }
        if ("refresh_token".equals(form.get("grant_type"))) {
            var refresh = form.getOrDefault("refresh_token", "");
            var member = refreshTokens.get(refresh);
            if (member == null) {
                return Answer.json(
                        400,
                        "{\"error\":\"invalid_request\",\"error_description\":\"The provided refresh token is"
                                + " invalid\"}");
            }
            return issue(member, refresh);
        }
        return Answer.json(400, "{\"error\":\"unsupported_grant_type\"}");
    }

    private Answer issue(Member member, String keptRefreshToken) {
        var access = "liat-" + random(32);
        if (keptRefreshToken != null) {
            accessTokens.values().removeIf(member::equals); // a refresh replaces the access token
        }
        accessTokens.put(access, member);
        issued.add(access);
        var answer = json.createObjectNode()
                .put("access_token", access)
                .put("expires_in", expiresIn)
                .put("scope", "openid,profile,w_member_social");
        if (issueRefreshTokens) {
            var refresh = keptRefreshToken != null ? keptRefreshToken : "lirt-" + random(32);
            refreshTokens.put(refresh, member);
            if (keptRefreshToken == null) {
                issued.add(refresh);
            }
            answer.put("refresh_token", refresh).put("refresh_token_expires_in", 31_536_000);
        }
        return Answer.json(200, answer.toString());
    }

    private Member bearer(Received request) {
        var header = request.header("Authorization");
        return header == null || !header.startsWith("Bearer ") ? null : accessTokens.get(header.substring(7));
    }

    private String random(int bytes) {
        var value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** A LinkedIn member. */
    public record Member(String id, String name, String picture) {}

    private record Code(String redirectUri, String scope) {}

    private record Organization(String id, String name, String vanityName) {}

    private static final class Image {

        final String urn;

        final String uploadPath;

        final String owner;

        volatile byte[] bytes;

        Image(String urn, String uploadPath, String owner) {
            this.urn = urn;
            this.uploadPath = uploadPath;
            this.owner = owner;
        }
    }
}
