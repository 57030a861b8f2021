package io.herald.integrations.linkedin;

import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.Publication;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * LinkedIn's versioned REST API ({@code /rest}): every call carries {@code LinkedIn-Version} and
 * {@code X-Restli-Protocol-Version: 2.0.0}, as LinkedIn requires, and the member's token.
 */
@Component
@EnableConfigurationProperties({LinkedInProperties.class, LinkedInPageProperties.class})
class LinkedInApi {

    static final String PLATFORM = "LinkedIn";

    private final PlatformHttp http;

    private final JsonMapper json;

    private final LinkedInProperties properties;

    LinkedInApi(PlatformHttp http, JsonMapper json, LinkedInProperties properties) {
        this.http = http;
        this.json = json;
        this.properties = properties;
    }

    /** A versioned request to {@code path} with the token. */
    HttpRequest.Builder rest(String token, String path) {
        return http.request(properties.api(path))
                .header("Authorization", "Bearer " + token)
                .header("LinkedIn-Version", properties.version())
                .header("X-Restli-Protocol-Version", "2.0.0");
    }

    JsonNode get(String token, String path) {
        return http.sendForJson(PLATFORM, () -> rest(token, path).GET().build(), true);
    }

    /** {@code GET /v2/userinfo} (OpenID Connect, not versioned): the member's id, name and picture. */
    JsonNode userInfo(String token) {
        return http.sendForJson(
                PLATFORM,
                () -> http.request(properties.api("/v2/userinfo"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                true);
    }

    /**
     * Uploads one image for {@code author}: {@code initializeUpload}, the bytes PUT to the upload URL
     * LinkedIn answers, and the image's URN for the post. A repeat only leaves an unused image.
     */
    String uploadImage(String token, String author, Publication.Image image) {
        var fetched = http.fetchImage(image.path());
        var request = json.createObjectNode();
        request.putObject("initializeUploadRequest").put("owner", author);
        var body = json.writeValueAsString(request);
        var answer = http.sendForJson(
                        PLATFORM + "'s image upload",
                        () -> rest(token, "/rest/images?action=initializeUpload")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                .build(),
                        true)
                .path("value");
        var uploadUrl = answer.path("uploadUrl");
        var urn = answer.path("image");
        if (!uploadUrl.isString() || !urn.isString() || !urn.asString().startsWith("urn:li:image:")) {
            throw new PlatformException("LinkedIn's image upload answered without an upload URL and image URN for "
                    + PlatformHttp.withoutSecrets(image.path()));
        }
        URI target;
        try {
            target = URI.create(uploadUrl.asString());
        } catch (IllegalArgumentException e) {
            throw new PlatformException("LinkedIn's image upload answered an upload URL that is not a URL");
        }
        http.send(
                PLATFORM + "'s image upload",
                () -> http.request(target)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", fetched.contentType())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(fetched.bytes()))
                        .build(),
                true);
        return urn.asString();
    }

    /** Creates a post; answers its URN (LinkedIn's {@code x-restli-id}). Sent once: a repeat could post twice. */
    String createPost(String token, ObjectNode post) {
        var body = json.writeValueAsString(post);
        var answer = http.send(
                PLATFORM,
                () -> rest(token, "/rest/posts")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                false);
        return created(answer, "the post");
    }

    /** Comments on {@code post} as {@code author}; answers the comment's URN. Sent once. */
    String comment(String token, String author, String post, String text) {
        var comment = json.createObjectNode().put("actor", author).put("object", post);
        comment.putObject("message").put("text", text);
        var body = json.writeValueAsString(comment);
        Supplier<HttpRequest> request = () -> rest(
                        token, "/rest/socialActions/" + URLEncoder.encode(post, StandardCharsets.UTF_8) + "/comments")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        var answer = http.send(PLATFORM, request, false);
        var id = answer.headers().firstValue("x-restli-id");
        if (id.isPresent()) {
            return id.get();
        }
        var made = answer.body() == null || answer.body().isBlank() ? json.missingNode() : json.readTree(answer.body());
        if (made.path("$URN").isString()) {
            return made.path("$URN").asString();
        }
        throw new PlatformException(
                "LinkedIn accepted the comment but answered without its id; it is probably published");
    }

    private static String created(HttpResponse<String> answer, String what) {
        return answer.headers()
                .firstValue("x-restli-id")
                .orElseThrow(() -> new PlatformException(
                        "LinkedIn accepted " + what + " but answered without its id; it is probably published"));
    }
}
