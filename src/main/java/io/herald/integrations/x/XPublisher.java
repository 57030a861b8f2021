package io.herald.integrations.x;

import io.herald.integrations.Channel;
import io.herald.integrations.ConfigCheck;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.MultipartForm;
import io.herald.integrations.OAuthProvider;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.PlatformProperties;
import io.herald.integrations.PlatformRefusedException;
import io.herald.integrations.Publication;
import io.herald.integrations.PublishDeferredException;
import io.herald.integrations.Publisher;
import io.herald.integrations.Release;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to X through its API v2 with an OAuth 2.0 user token: each image or video through the
 * chunked media upload (initialize, append, finalize, and the processing status for a video),
 * then {@code POST /2/tweets}; thread items reply to the previous post of the thread
 * ({@code reply.in_reply_to_tweet_id}). Postiz's {@code who_can_reply_post} setting becomes the
 * root post's {@code reply_settings}.
 *
 * <p>Creating a post is not idempotent on X (no idempotency key), so it is never repeated after an
 * unknown outcome. A 429 is X refusing before it creates anything: the post waits until the reset
 * X announces ({@code x-rate-limit-reset}, or the 24-hour user limit's reset when that one is spent),
 * then goes out. Media uploads may be repeated: a repeat leaves at most an unused media item.
 */
@Component
class XPublisher implements Publisher {

    static final String IDENTIFIER = "x";

    static final List<String> REPLY_SETTINGS =
            List.of("everyone", "following", "mentionedUsers", "subscribers", "verified");

    // 280 weighted characters; 4 images, or one video alone. Replies are posts too: the same limits.
    private static final ContentLimits LIMITS =
            new ContentLimits(280, WeightedLength.X, 4).withVideos(1).withSetting("who_can_reply_post", REPLY_SETTINGS);

    /** Bytes per APPEND: well under X's 5 MB a segment. */
    static final int CHUNK_BYTES = 1024 * 1024;

    /** When X answers 429 without saying when its window resets. */
    private static final long DEFAULT_WAIT_SECONDS = 60;

    private final PlatformHttp http;

    private final JsonMapper json;

    private final XProperties properties;

    private final PlatformProperties.MediaProcessing processing;

    private final Clock clock;

    XPublisher(PlatformHttp http, JsonMapper json, XProperties properties, PlatformProperties platforms, Clock clock) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.processing = platforms.mediaProcessing();
        this.clock = clock;
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    /** Tokens given by hand; connecting the account through X (the OAuth flow) fills them in itself. */
    @Override
    public List<String> configErrors(JsonNode config) {
        return ConfigCheck.of(config)
                .text("accessToken")
                .optionalText("refreshToken")
                .errors();
    }

    @Override
    public List<String> secretFields() {
        return OAuthProvider.TOKEN_FIELDS;
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }

    @Override
    public Release publish(Publication publication, Channel channel, JsonNode config) {
        var token = config.path("accessToken").asString();
        // Checked before anything is sent: a reply without the post it answers cannot go out.
        if (publication.isReply()
                && (publication.parent() == null || publication.parent().id() == null)) {
            throw new PlatformException("The thread's previous post has no X id to reply to");
        }
        try {
            var mediaIds = new ArrayList<String>();
            for (var image : publication.images()) {
                mediaIds.add(upload(token, image));
            }
            var post = json.createObjectNode();
            post.put("text", publication.text());
            if (!mediaIds.isEmpty()) {
                var ids = post.putObject("media").putArray("media_ids");
                mediaIds.forEach(ids::add);
            }
            if (publication.isReply()) {
                post.putObject("reply")
                        .put("in_reply_to_tweet_id", publication.parent().id());
            } else {
                var replies = publication.settings() == null
                        ? null
                        : publication.settings().path("who_can_reply_post");
                if (replies != null && replies.isString() && !replies.asString().equals("everyone")) {
                    post.put("reply_settings", replies.asString());
                }
            }
            var body = json.writeValueAsString(post);
            var answer = http.sendForJson(
                    "X",
                    () -> call(token, "/2/tweets")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    false);
            var id = answer.path("data").path("id");
            if (!id.isString()) {
                throw new PlatformException(
                        "X accepted the post but answered without its id; it is probably published");
            }
            var url = channel.profile() == null || channel.profile().isBlank()
                    ? "https://x.com/i/status/" + id.asString()
                    : "https://x.com/" + channel.profile() + "/status/" + id.asString();
            return new Release(id.asString(), url, null);
        } catch (PlatformRefusedException e) {
            throw translate(e);
        }
    }

    /**
     * X's answers in X's words: a 429 defers the post to the announced reset; other refusals name
     * what X said ({@code errors[].message}, else {@code detail}, else {@code title}). A 401 stays a
     * refusal with its status, so the token is refreshed and the post sent once more.
     */
    private PlatformException translate(PlatformRefusedException e) {
        if (e.status() == 429) {
            var until = resetOf(e);
            return new PublishDeferredException(
                    "X's rate limit is reached (HTTP 429); the post was not created and waits until " + until, until);
        }
        return XAnswers.reworded(e, json);
    }

    private Instant resetOf(PlatformRefusedException e) {
        var now = clock.instant();
        var reset = epochSeconds(e, "x-rate-limit-reset");
        if ("0".equals(e.headers().firstValue("x-user-limit-24hour-remaining").orElse(null))) {
            var daily = epochSeconds(e, "x-user-limit-24hour-reset");
            if (daily != null && (reset == null || daily.isAfter(reset))) {
                reset = daily;
            }
        }
        if (reset == null) {
            return now.plusSeconds(DEFAULT_WAIT_SECONDS);
        }
        // a second past the reset, so the window has surely turned; never in the past (clocks differ)
        var after = reset.plusSeconds(1);
        return after.isAfter(now) ? after : now.plusSeconds(1);
    }

    private static Instant epochSeconds(PlatformRefusedException e, String header) {
        return e.headers()
                .firstValue(header)
                .flatMap(value -> {
                    try {
                        return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
                    } catch (NumberFormatException bad) {
                        return Optional.empty();
                    }
                })
                .orElse(null);
    }

    /**
     * One image or video, through X's chunked upload: initialize with the type and size, append it
     * in segments, finalize; a video is then processed, and its status polled until it succeeded.
     */
    private String upload(String token, Publication.Image image) {
        var fetched = http.fetchImage(image.path());
        var type = fetched.contentType();
        var video = type.startsWith("video/") || ContentLimits.isVideo(image.path());
        var category = video ? "tweet_video" : type.equals("image/gif") ? "tweet_gif" : "tweet_image";
        var bytes = fetched.bytes();
        var initialize = json.createObjectNode()
                .put("media_type", video && !type.startsWith("video/") ? "video/mp4" : type)
                .put("total_bytes", bytes.length)
                .put("media_category", category);
        var body = json.writeValueAsString(initialize);
        var media = http.sendForJson(
                "X's media upload",
                () -> call(token, "/2/media/upload/initialize")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                true);
        var id = media.path("data").path("id").asString("");
        if (!id.matches("[0-9]{1,19}")) {
            throw new PlatformException(
                    "X's media upload answered without a media id for " + PlatformHttp.withoutSecrets(image.path()));
        }
        for (int segment = 0, from = 0; from < bytes.length; segment++, from += CHUNK_BYTES) {
            var chunk = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK_BYTES));
            var form = new MultipartForm()
                    .field("segment_index", Integer.toString(segment))
                    .file("media", "chunk", "application/octet-stream", chunk);
            var formBytes = form.bytes();
            http.send(
                    "X's media upload",
                    () -> call(token, "/2/media/upload/" + id + "/append")
                            .header("Content-Type", form.contentType())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(formBytes))
                            .build(),
                    true);
        }
        var finalized = http.sendForJson(
                "X's media upload",
                () -> call(token, "/2/media/upload/" + id + "/finalize")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                true);
        awaitProcessing(
                token, id, finalized.path("data").path("processing_info"), PlatformHttp.withoutSecrets(image.path()));
        if (!video && image.alt() != null && !image.alt().isBlank()) {
            describe(token, id, image.alt());
        }
        return id;
    }

    /** Polls {@code STATUS} while X processes the media (a video), as often as X's {@code check_after_secs} asks. */
    private void awaitProcessing(String token, String id, JsonNode info, String path) {
        var deadline = System.nanoTime() + processing.timeout().toNanos();
        while (info.isObject() && !info.path("state").asString("").equals("succeeded")) {
            if (info.path("state").asString("").equals("failed")) {
                var reason = info.path("error").path("message").asString("");
                throw new PlatformException("X could not process " + path + (reason.isEmpty() ? "" : ": " + reason)
                        + "; nothing was posted");
            }
            var wait = info.path("check_after_secs").canConvertToLong()
                    ? Duration.ofSeconds(info.path("check_after_secs").asLong())
                    : processing.pollInterval();
            if (System.nanoTime() + wait.toNanos() - deadline > 0) {
                throw new PlatformException("X did not finish processing " + path + " within "
                        + processing.timeout().toSeconds() + " s; nothing was posted");
            }
            pause(wait);
            info = http.sendForJson(
                            "X's media upload",
                            () -> call(token, "/2/media/upload?command=STATUS&media_id=" + id)
                                    .GET()
                                    .build(),
                            true)
                    .path("data")
                    .path("processing_info");
        }
    }

    /** The image's alt text ({@code POST /2/media/metadata}), at most X's 1,000 characters. */
    private void describe(String token, String id, String alt) {
        var text = alt.codePointCount(0, alt.length()) > 1000 ? alt.substring(0, alt.offsetByCodePoints(0, 1000)) : alt;
        var metadata = json.createObjectNode().put("id", id);
        metadata.putObject("metadata").putObject("alt_text").put("text", text);
        var body = json.writeValueAsString(metadata);
        http.send(
                "X's media upload",
                () -> call(token, "/2/media/metadata")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                true);
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while X processed a video; nothing was posted");
        }
    }

    /** A request to X's API with the account's token, which every call carries. */
    private HttpRequest.Builder call(String token, String path) {
        return http.request(properties.api(path)).header("Authorization", "Bearer " + token);
    }
}
