package io.herald.integrations.mastodon;

import io.herald.integrations.Channel;
import io.herald.integrations.ConfigCheck;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.MultipartForm;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.PlatformProperties;
import io.herald.integrations.Publication;
import io.herald.integrations.Publisher;
import io.herald.integrations.Release;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts statuses to a Mastodon instance with an access token: each image through the media API
 * first, then the status with the media ids, as a reply to the thread's previous status for thread
 * items.
 *
 * <p>Every call may be repeated after an unknown outcome. The status carries the delivery id as its
 * {@code Idempotency-Key}, which Mastodon honours for an hour, so a repeat answers the status already
 * made. Media uploads are not deduplicated, but a repeated upload only leaves an unattached media
 * item, which Mastodon deletes by itself; it cannot make a second status.
 *
 * <p>The post's {@code settings.visibility} ({@code public}, {@code unlisted}, {@code private} or
 * {@code direct}), when given, is passed on as the status's visibility; else the account's default
 * applies.
 */
@Component
class MastodonPublisher implements Publisher {

    // Mastodon's default instance limits: 500 characters, 4 media attachments.
    private static final ContentLimits LIMITS = new ContentLimits(500, ContentLimits.Unit.CHARACTERS, 4);

    private static final String STATUSES = "Mastodon";

    private static final String MEDIA = "Mastodon's media upload";

    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_-]+");

    private final PlatformHttp http;

    private final JsonMapper json;

    private final PlatformProperties.MediaProcessing processing;

    MastodonPublisher(PlatformHttp http, JsonMapper json, PlatformProperties properties) {
        this.http = http;
        this.json = json;
        this.processing = properties.mediaProcessing();
    }

    @Override
    public String identifier() {
        return "mastodon";
    }

    @Override
    public List<String> configErrors(JsonNode config) {
        return ConfigCheck.of(config)
                .url("instanceUrl", true)
                .text("accessToken")
                .errors();
    }

    @Override
    public List<String> secretFields() {
        return List.of("accessToken");
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }

    @Override
    public Release publish(Publication publication, Channel channel, JsonNode config) {
        var instance = new Instance(
                config.path("instanceUrl").asString(),
                config.path("accessToken").asString());
        var mediaIds = new ArrayList<String>();
        for (var image : publication.images()) {
            mediaIds.add(upload(instance, image));
        }
        var status = json.createObjectNode();
        status.put("status", publication.text());
        var ids = status.putArray("media_ids");
        mediaIds.forEach(ids::add);
        if (publication.isReply()) {
            status.put("in_reply_to_id", publication.parent().id());
        }
        var visibility =
                publication.settings() == null ? null : publication.settings().path("visibility");
        if (visibility != null && visibility.isString()) {
            status.put("visibility", visibility.asString());
        }
        var body = json.writeValueAsString(status);
        var answer = http.sendForJson(
                STATUSES,
                () -> call(instance, "/api/v1/statuses")
                        .header("Idempotency-Key", publication.deliveryId())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                true);
        var id = answer.path("id");
        if (!id.isString() && !id.isNumber()) {
            throw new PlatformException(
                    "Mastodon accepted the status but answered without its id; it is probably published");
        }
        var url = answer.path("url").isString() ? answer.path("url").asString() : null;
        return new Release(id.asString(), url, null);
    }

    /** Uploads one image and answers its media id once Mastodon has processed it. */
    private String upload(Instance instance, Publication.Image image) {
        var fetched = http.fetchImage(image.path());
        var form = new MultipartForm().file("file", fetched.fileName(), fetched.contentType(), fetched.bytes());
        if (image.alt() != null && !image.alt().isBlank()) {
            form.field("description", image.alt());
        }
        var body = form.bytes();
        var media = http.sendForJson(
                MEDIA,
                () -> call(instance, "/api/v2/media")
                        .header("Content-Type", form.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                true);
        var id = media.path("id");
        if (!(id.isString() || id.isNumber())
                || !MEDIA_ID.matcher(id.asString()).matches()) {
            throw new PlatformException("Mastodon took image " + PlatformHttp.withoutSecrets(image.path())
                    + " but answered without a media id");
        }
        // 200 with a url: processed already; 202 with a null url: processing goes on in the background
        if (!media.path("url").isString()) {
            awaitProcessing(instance, id.asString(), PlatformHttp.withoutSecrets(image.path()));
        }
        return id.asString();
    }

    /**
     * Polls the media item until it has a URL (Mastodon answers 206 without one while processing).
     * A status cannot attach media that are still processing.
     */
    private void awaitProcessing(Instance instance, String mediaId, String path) {
        var deadline = System.nanoTime() + processing.timeout().toNanos();
        while (true) {
            pause(processing.pollInterval());
            var media = http.sendForJson(
                    MEDIA,
                    () -> call(instance, "/api/v1/media/" + mediaId).GET().build(),
                    true);
            if (media.path("url").isString()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PlatformException("Mastodon did not finish processing image " + path + " within "
                        + describe(processing.timeout()) + "; the status was not posted");
            }
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while Mastodon processed an image; the status was not posted");
        }
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() > 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** A request to the instance's API with the account's token, which every call carries. */
    private HttpRequest.Builder call(Instance instance, String path) {
        return http.request(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Bearer " + instance.accessToken());
    }

    private record Instance(String baseUrl, String accessToken) {

        Instance {
            baseUrl = baseUrl.replaceAll("/+$", "");
        }
    }
}
