package io.herald.integrations.mastodon;

import io.herald.content.Html;
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
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts statuses to a Mastodon instance with an access token: each image through the media API
 * first, then the status with the media ids, as a reply to the thread's previous status for thread
 * items.
 *
 * <p>The status carries the delivery id as its {@code Idempotency-Key}, which Mastodon honours for an
 * hour, but only once the status exists: a repeat while the first request is still being processed
 * makes a second status. So after an unknown outcome the status is posted again only when the
 * account's recent statuses show it was not made (see {@link #postStatus}). Media uploads are
 * repeated freely: a repeated upload only leaves an unattached media item, which Mastodon deletes by
 * itself; it cannot make a second status.
 *
 * <p>The post's {@code settings.visibility} ({@code public}, {@code unlisted}, {@code private} or
 * {@code direct}), when given, is passed on as the status's visibility; else the account's default
 * applies.
 */
@Component
class MastodonPublisher implements Publisher {

    // Mastodon's default instance limits: 500 characters, 4 media attachments.
    private static final ContentLimits LIMITS = new ContentLimits(500, ContentLimits.Unit.CHARACTERS, 4)
            .withSetting("visibility", List.of("public", "unlisted", "private", "direct"));

    private static final String STATUSES = MastodonInstance.API;

    private static final String MEDIA = "Mastodon's media upload";

    private static final Pattern MEDIA_ID = MastodonInstance.ID;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** How many of the account's latest statuses are searched for one whose answer was lost. */
    private static final int RECENT = 20;

    /** How far the instance's clock may be behind this one's. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(MastodonPublisher.class);

    private final PlatformHttp http;

    private final JsonMapper json;

    private final PlatformProperties.MediaProcessing processing;

    private final PlatformProperties.Retry retry;

    MastodonPublisher(PlatformHttp http, JsonMapper json, PlatformProperties properties) {
        this.http = http;
        this.json = json;
        this.processing = properties.mediaProcessing();
        this.retry = properties.retry();
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
        var instance = MastodonInstance.of(config);
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
        var answer = postStatus(instance, publication, json.writeValueAsString(status), mediaIds);
        var id = answer.path("id");
        if (!id.isString() && !id.isNumber()) {
            throw new PlatformException(
                    "Mastodon accepted the status but answered without its id; it is probably published");
        }
        var url = answer.path("url").isString() ? answer.path("url").asString() : null;
        return new Release(id.asString(), url, null);
    }

    /**
     * Posts the status. After a failure that leaves the outcome unknown (no answer in time, a lost
     * connection, a server error) it is posted again only once the account's recent statuses show
     * it was not made: Mastodon keeps an {@code Idempotency-Key} only once the status exists, so a
     * repeat while the first request is still being processed would make a second status.
     */
    private JsonNode postStatus(
            MastodonInstance instance, Publication publication, String body, List<String> mediaIds) {
        var since = Instant.now().minus(CLOCK_SKEW);
        var backoff = retry.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return http.sendForJson(
                        STATUSES,
                        () -> call(instance, "/api/v1/statuses")
                                .header("Idempotency-Key", publication.deliveryId())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                .build(),
                        false);
            } catch (PlatformException e) {
                if (!e.outcomeUnknown() || attempt >= retry.attempts()) {
                    throw e;
                }
                var made = madeAlready(instance, publication, mediaIds, since, e);
                if (made.isPresent()) {
                    return made.get();
                }
                log.warn(
                        "Attempt {} of {} failed and the status is not among the account's recent ones; retrying in"
                                + " {}: {}",
                        attempt,
                        retry.attempts(),
                        backoff,
                        e.getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /**
     * The status, if the account's recent statuses hold it: one made since the first attempt (less
     * some clock skew), replying to the same status (or to none), with the same media when it has
     * any (media ids are unique) and else the same text, whitespace aside. A lookup that fails
     * leaves the outcome unknown, and the post fails with {@code failure}.
     */
    private Optional<JsonNode> madeAlready(
            MastodonInstance instance,
            Publication publication,
            List<String> mediaIds,
            Instant since,
            PlatformException failure) {
        try {
            var recent = instance.recentStatuses(http, RECENT);
            var replyTo = publication.isReply() ? publication.parent().id() : null;
            for (var status : recent) {
                if (isMadeSince(status, since)
                        && Objects.equals(replyTo, text(status.path("in_reply_to_id")))
                        && (mediaIds.isEmpty()
                                ? sameText(status, publication.text())
                                : mediaIds.equals(mediaIdsOf(status)))) {
                    log.info(
                            "Post {}: the status was made although its answer was lost ({}); it is not posted again",
                            publication.postId(),
                            status.path("id").asString());
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        } catch (PlatformException lookup) {
            if (lookup != failure) {
                log.warn("Could not look for the status among the account's recent ones: {}", lookup.getMessage());
            }
            throw failure;
        }
    }

    private static boolean isMadeSince(JsonNode status, Instant since) {
        try {
            return !Instant.parse(status.path("created_at").asString("")).isBefore(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean sameText(JsonNode status, String text) {
        return squeeze(Html.text(status.path("content").asString(""))).equals(squeeze(text));
    }

    private static String squeeze(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private static List<String> mediaIdsOf(JsonNode status) {
        var ids = new ArrayList<String>();
        for (var attachment : status.path("media_attachments")) {
            ids.add(attachment.path("id").asString());
        }
        return ids;
    }

    private static String text(JsonNode node) {
        return node.isString() || node.isNumber() ? node.asString() : null;
    }

    /** Uploads one image and answers its media id once Mastodon has processed it. */
    private String upload(MastodonInstance instance, Publication.Image image) {
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
    private void awaitProcessing(MastodonInstance instance, String mediaId, String path) {
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
    private HttpRequest.Builder call(MastodonInstance instance, String path) {
        return instance.call(http, path);
    }
}
