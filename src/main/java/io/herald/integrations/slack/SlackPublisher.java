package io.herald.integrations.slack;

import io.herald.integrations.Channel;
import io.herald.integrations.ConfigCheck;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.OAuthProvider;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.PlatformProperties;
import io.herald.integrations.PlatformRefusedException;
import io.herald.integrations.Publication;
import io.herald.integrations.PublishDeferredException;
import io.herald.integrations.Publisher;
import io.herald.integrations.Release;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to a Slack channel as the app's bot. Text alone is {@code chat.postMessage}; with images
 * (or other files), each is uploaded through Slack's current flow ({@code files.getUploadURLExternal},
 * the bytes to the upload URL it answers), then {@code files.completeUploadExternal} shares them in
 * the channel with the text as their {@code initial_comment}: one message, text and images. Thread
 * items go into the thread of the first message ({@code thread_ts}: Slack threads hang from their
 * first message, never from a reply). The channel is Postiz's {@code channel} setting, a channel id;
 * the bot joins a public channel it is not in yet ({@code conversations.join}) and tries once more.
 *
 * <p>Slack shares files in the background, so the message they make is found afterwards in the
 * file's {@code shares} ({@code files.info}, polled as {@code herald.platforms.media-processing}
 * says); it is published either way, and only a thread item would miss it. Slack's refusals arrive
 * as {@code ok:false} with HTTP 200 and fail the post in Slack's words; a 429 is Slack refusing
 * before it posts anything: the post waits its {@code Retry-After}. Posting and sharing are sent once.
 */
@Component
class SlackPublisher implements Publisher {

    private static final Logger log = LoggerFactory.getLogger(SlackPublisher.class);

    static final String IDENTIFIER = "slack";

    /** Slack cuts a message's text after 40,000 characters; Herald refuses it instead. */
    static final int MAX_LENGTH = 40_000;

    static final int MAX_FILES = 10;

    /** A conversation id: public (C), private (G, or C in newer workspaces) or direct (D). */
    private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,}");

    private static final Pattern TS = Pattern.compile("[0-9]{1,12}\\.[0-9]{1,9}");

    private static final ContentLimits LIMITS = new ContentLimits(MAX_LENGTH, ContentLimits.Unit.CHARACTERS, MAX_FILES)
            .withRule(SlackPublisher::namesAChannel);

    /** When Slack answers 429 without a {@code Retry-After}. */
    private static final long DEFAULT_WAIT_SECONDS = 30;

    private final SlackApi api;

    private final PlatformHttp http;

    private final JsonMapper json;

    private final PlatformProperties.MediaProcessing processing;

    private final Clock clock;

    SlackPublisher(SlackApi api, PlatformHttp http, JsonMapper json, PlatformProperties platforms, Clock clock) {
        this.api = api;
        this.http = http;
        this.json = json;
        this.processing = platforms.mediaProcessing();
        this.clock = clock;
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    /** By hand, the bot's {@code botToken}; connecting the workspace through Slack fills in its tokens itself. */
    @Override
    public List<String> configErrors(JsonNode config) {
        var errors = new ArrayList<>(ConfigCheck.of(config)
                .optionalText("botToken")
                .optionalText("accessToken")
                .optionalText("refreshToken")
                .errors());
        if (errors.isEmpty() && !config.has("botToken") && !config.has("accessToken")) {
            errors.add("config.botToken must be the app's bot token (xoxb-...)");
        }
        for (var field : List.of("botToken", "accessToken")) {
            if (errors.isEmpty()
                    && config.path(field).isString()
                    && !config.path(field).asString().matches("xox[a-z]-[A-Za-z0-9-]{10,}")) {
                errors.add("config." + field + " must be a Slack token (xoxb-...)");
            }
        }
        return errors;
    }

    @Override
    public List<String> secretFields() {
        var fields = new ArrayList<>(OAuthProvider.TOKEN_FIELDS);
        fields.add("botToken");
        return List.copyOf(fields);
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }

    @Override
    public Release publish(Publication publication, Channel integration, JsonNode config) {
        var token = config.path("botToken").isString()
                ? config.path("botToken").asString()
                : config.path("accessToken").asString();
        var channel = publication.settings() == null
                ? ""
                : publication.settings().path("channel").asString("");
        if (!CHANNEL.matcher(channel).matches()) {
            throw new PlatformException("settings.channel must name the Slack channel to post in");
        }
        String thread = null;
        if (publication.isReply()) {
            thread = publication.root() == null ? null : publication.root().id();
            if (thread == null || !TS.matcher(thread).matches()) {
                throw new PlatformException("The thread's first message has no Slack ts to reply under");
            }
        }
        try {
            var posted = publication.images().isEmpty()
                    ? postMessage(token, channel, thread, publication.text())
                    : share(token, channel, thread, publication);
            return new Release(posted.ts(), permalink(token, posted), null);
        } catch (PlatformRefusedException e) {
            throw translate(e);
        }
    }

    private Posted postMessage(String token, String channel, String thread, String text) {
        var message = json.createObjectNode().put("channel", channel).put("text", escape(text));
        if (thread != null) {
            message.put("thread_ts", thread);
        }
        var answer = joiningIfNeeded(token, channel, () -> api.post(token, "chat.postMessage", message, false));
        var ts = answer.path("ts").asString("");
        if (!TS.matcher(ts).matches()) {
            throw new PlatformException(
                    "Slack accepted the message but answered without its ts; it is probably posted");
        }
        return new Posted(answer.path("channel").asString(channel), ts);
    }

    /**
     * The files uploaded, then shared in the channel with the text: one message. Uploading alone
     * shows nothing, so a failure until the share leaves nothing in the channel.
     */
    private Posted share(String token, String channel, String thread, Publication publication) {
        var files = json.createArrayNode();
        for (var image : publication.images()) {
            var fetched = http.fetchImage(image.path());
            var form = new LinkedHashMap<String, String>();
            form.put("filename", fetched.fileName());
            form.put("length", Integer.toString(fetched.bytes().length));
            if (image.alt() != null && !image.alt().isBlank()) {
                form.put("alt_txt", image.alt().length() > 1000 ? image.alt().substring(0, 1000) : image.alt());
            }
            var upload = api.form(token, "files.getUploadURLExternal", form, true);
            var id = upload.path("file_id").asString("");
            URI target;
            try {
                target = URI.create(upload.path("upload_url").asString(""));
            } catch (IllegalArgumentException e) {
                target = null;
            }
            if (id.isEmpty() || target == null || target.getScheme() == null) {
                throw new PlatformException("Slack answered files.getUploadURLExternal without a file id and"
                        + " upload URL for " + image.path() + "; nothing was posted");
            }
            api.upload(target, fetched.bytes());
            files.addObject().put("id", id).put("title", fetched.fileName());
        }
        var complete = json.createObjectNode();
        complete.set("files", files);
        complete.put("channel_id", channel);
        if (!publication.text().isEmpty()) {
            complete.put("initial_comment", escape(publication.text()));
        }
        if (thread != null) {
            complete.put("thread_ts", thread);
        }
        joiningIfNeeded(token, channel, () -> api.post(token, "files.completeUploadExternal", complete, false));
        return new Posted(
                channel,
                sharedAt(token, channel, thread, files.get(0).path("id").asString()));
    }

    /**
     * The ts of the message a share made, from the file's {@code shares} once Slack has filled them
     * in; null when it has not within the bound (the message is posted all the same).
     */
    private String sharedAt(String token, String channel, String thread, String fileId) {
        var deadline = System.nanoTime() + processing.timeout().toNanos();
        try {
            while (true) {
                var file = api.get(token, "files.info", Map.of("file", fileId)).path("file");
                for (var visibility : List.of("public", "private")) {
                    for (var share : file.path("shares").path(visibility).path(channel)) {
                        var ts = share.path("ts").asString("");
                        var inThread = share.path("thread_ts").asString(null);
                        if (TS.matcher(ts).matches() && (thread == null || thread.equals(inThread))) {
                            return ts;
                        }
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
                pause(processing.pollInterval());
            }
        } catch (PlatformException e) {
            log.warn("Slack shared file {} but could not say in which message: {}", fileId, e.getMessage());
            return null;
        }
        log.warn(
                "Slack shared file {} in {} but did not show its message within {}",
                fileId,
                channel,
                processing.timeout());
        return null;
    }

    /** Slack refuses a channel the bot is not in: it joins a public one, and the call is made once more. */
    private JsonNode joiningIfNeeded(String token, String channel, Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (SlackRefusedException e) {
            if (!e.error().equals("not_in_channel")) {
                throw e;
            }
            try {
                api.post(token, "conversations.join", json.createObjectNode().put("channel", channel), true);
            } catch (SlackRefusedException cannotJoin) {
                throw e; // a private channel: the app must be invited, which is what Slack's first answer says
            }
            return call.get();
        }
    }

    /** The message's link ({@code chat.getPermalink}); null when Slack does not say (the message is posted). */
    private String permalink(String token, Posted posted) {
        if (posted.ts() == null) {
            return null;
        }
        try {
            var link = api.get(
                            token, "chat.getPermalink", Map.of("channel", posted.channel(), "message_ts", posted.ts()))
                    .path("permalink");
            return link.isString() ? link.asString() : null;
        } catch (PlatformException e) {
            log.warn("Slack posted message {} but gave no link to it: {}", posted.ts(), e.getMessage());
            return null;
        }
    }

    /** A 429 defers the post by Slack's {@code Retry-After}; other refusals are final. */
    private PlatformException translate(PlatformRefusedException e) {
        if (e.status() != 429) {
            return e;
        }
        var wait = e.headers()
                .firstValue("Retry-After")
                .flatMap(value -> {
                    try {
                        return Optional.of(Long.parseLong(value.trim()));
                    } catch (NumberFormatException bad) {
                        return Optional.empty();
                    }
                })
                .filter(seconds -> seconds >= 0)
                .orElse(DEFAULT_WAIT_SECONDS);
        var until = clock.instant().plusSeconds(wait);
        return new PublishDeferredException(
                "Slack's rate limit is reached (HTTP 429); nothing was posted and the post waits until " + until,
                until);
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while Slack shared the files; they are posted");
        }
    }

    /** Slack reads {@code &}, {@code <} and {@code >} as markup (links, mentions): written as they are, they are escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Postiz's {@code channel} setting is required, as Postiz requires it, and is a channel id. */
    private static Optional<String> namesAChannel(ContentLimits.Item item) {
        var channel = item.settings() == null ? null : item.settings().get("channel");
        if (channel != null
                && channel.isString()
                && CHANNEL.matcher(channel.asString()).matches()) {
            return Optional.empty();
        }
        return Optional.of("settings.channel must be the id of the Slack channel to post in (like C0123456789)");
    }

    /** Where a message is: its channel's id and its ts (null when Slack did not say). */
    private record Posted(String channel, String ts) {}
}
