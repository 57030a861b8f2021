package io.herald.integrations.telegram;

import io.herald.integrations.Channel;
import io.herald.integrations.ConfigCheck;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.MultipartForm;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.PlatformRefusedException;
import io.herald.integrations.Publication;
import io.herald.integrations.PublishDeferredException;
import io.herald.integrations.Publisher;
import io.herald.integrations.Release;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts to a Telegram chat (a channel, a group, a person) as a bot, through the Bot API: text
 * alone with {@code sendMessage}, one image or video with {@code sendPhoto} or {@code sendVideo}
 * (the text as its caption), several as one album with {@code sendMediaGroup} (the caption on the
 * first). The media's bytes are uploaded, so Telegram never needs to reach the image's host. Thread
 * items reply to the thread's previous message ({@code reply_parameters}). The text goes as plain
 * text: Telegram links the addresses in it by itself.
 *
 * <p>The bot's token is part of every method's URL, so URLs are never put in an error or a log
 * line: errors name "Telegram" and quote Telegram's {@code description}. A message cannot be sent
 * twice safely (the Bot API takes no idempotency key), so nothing is repeated after an unknown
 * outcome. A 429 is Telegram refusing before it sends anything: the post waits the
 * {@code parameters.retry_after} seconds Telegram asks for, then goes out.
 */
@Component
@EnableConfigurationProperties(TelegramProperties.class)
class TelegramPublisher implements Publisher {

    static final String IDENTIFIER = "telegram";

    private static final String PLATFORM = "Telegram";

    static final int MAX_TEXT = 4096;

    static final int MAX_CAPTION = 1024;

    /** A media group (album) holds 2 to 10 photos and videos. */
    static final int MAX_MEDIA = 10;

    private static final ContentLimits LIMITS =
            new ContentLimits(MAX_TEXT, Utf16Length.TELEGRAM, MAX_MEDIA).withRule(TelegramPublisher::captionFits);

    /** {@code <bot id>:<secret>}, as BotFather hands it out; nothing else may reach a method's URL. */
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");

    /** A chat's numeric id (negative for groups and channels), or a public channel's {@code @username}. */
    private static final Pattern CHAT = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31}");

    /** When Telegram answers 429 without saying how long to wait. */
    private static final long DEFAULT_WAIT_SECONDS = 30;

    private final PlatformHttp http;

    private final JsonMapper json;

    private final TelegramProperties properties;

    private final Clock clock;

    TelegramPublisher(PlatformHttp http, JsonMapper json, TelegramProperties properties, Clock clock) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    /** The token and the chat are checked by their form only: neither is ever echoed in an error. */
    @Override
    public List<String> configErrors(JsonNode config) {
        var errors = new ArrayList<>(
                ConfigCheck.of(config).text("botToken").text("chatId").errors());
        if (errors.isEmpty()) {
            if (!TOKEN.matcher(config.path("botToken").asString()).matches()) {
                errors.add("config.botToken must be a bot token as BotFather gives it (<bot id>:<secret>)");
            }
            if (!CHAT.matcher(config.path("chatId").asString()).matches()) {
                errors.add("config.chatId must be a chat id (like -1001234567890) or a channel's @username");
            }
        }
        return errors;
    }

    @Override
    public List<String> secretFields() {
        return List.of("botToken");
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }

    @Override
    public Release publish(Publication publication, Channel channel, JsonNode config) {
        var bot = new Bot(
                config.path("botToken").asString(), config.path("chatId").asString());
        if (publication.isReply() && !isMessageId(publication.parent().id())) {
            throw new PlatformException("The thread's previous post has no Telegram message id to reply to");
        }
        var reply = publication.isReply()
                ? json.createObjectNode()
                        .put("message_id", Long.parseLong(publication.parent().id()))
                : null;
        try {
            var sent = switch (publication.images().size()) {
                case 0 -> sendMessage(bot, publication.text(), reply);
                case 1 -> sendOne(bot, publication.images().get(0), publication.text(), reply);
                default -> sendGroup(bot, publication.images(), publication.text(), reply);
            };
            return release(sent);
        } catch (PlatformRefusedException e) {
            throw translate(e);
        }
    }

    private JsonNode sendMessage(Bot bot, String text, ObjectNode reply) {
        var message = json.createObjectNode().put("chat_id", bot.chat()).put("text", text);
        if (reply != null) {
            message.set("reply_parameters", reply);
        }
        var body = json.writeValueAsString(message);
        return call(
                bot,
                "sendMessage",
                "application/json",
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private JsonNode sendOne(Bot bot, Publication.Image image, String text, ObjectNode reply) {
        var fetched = http.fetchImage(image.path());
        var kind = video(image, fetched) ? "video" : "photo";
        var form = new MultipartForm().field("chat_id", bot.chat());
        if (!text.isEmpty()) {
            form.field("caption", text);
        }
        if (reply != null) {
            form.field("reply_parameters", json.writeValueAsString(reply));
        }
        form.file(kind, fetched.fileName(), fetched.contentType(), fetched.bytes());
        return call(
                bot,
                kind.equals("video") ? "sendVideo" : "sendPhoto",
                form.contentType(),
                HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
    }

    /** One album: the files attached to the form by name ({@code attach://media<n>}), the caption on the first. */
    private JsonNode sendGroup(Bot bot, List<Publication.Image> images, String text, ObjectNode reply) {
        var media = json.createArrayNode();
        var files = new ArrayList<PlatformHttp.FetchedImage>();
        for (var image : images) {
            var fetched = http.fetchImage(image.path());
            var item = media.addObject()
                    .put("type", video(image, fetched) ? "video" : "photo")
                    .put("media", "attach://media" + files.size());
            if (files.isEmpty() && !text.isEmpty()) {
                item.put("caption", text);
            }
            files.add(fetched);
        }
        var form = new MultipartForm().field("chat_id", bot.chat()).field("media", json.writeValueAsString(media));
        if (reply != null) {
            form.field("reply_parameters", json.writeValueAsString(reply));
        }
        for (int i = 0; i < files.size(); i++) {
            var file = files.get(i);
            form.file("media" + i, file.fileName(), file.contentType(), file.bytes());
        }
        var sent =
                call(bot, "sendMediaGroup", form.contentType(), HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
        // an album is a message per item; the first stands for the post, and is what replies answer
        return sent.path(0);
    }

    /** Calls a method once and answers its {@code result}; an {@code ok:false} answer is a refusal. */
    private JsonNode call(Bot bot, String method, String contentType, HttpRequest.BodyPublisher body) {
        var answer = http.sendForJson(
                PLATFORM,
                () -> http.request(properties.method(bot.token(), method))
                        .header("Content-Type", contentType)
                        .POST(body)
                        .build(),
                false);
        if (!answer.path("ok").asBoolean(false)) {
            throw new PlatformException(
                    "Telegram did not confirm the message (" + describe(answer) + "); it may have been sent");
        }
        return answer.path("result");
    }

    private Release release(JsonNode message) {
        var id = message.path("message_id");
        if (!id.canConvertToLong()) {
            throw new PlatformException(
                    "Telegram accepted the message but answered without its id; it is probably sent");
        }
        var chat = message.path("chat");
        String url = null;
        if (chat.path("username").isString()) {
            url = "https://t.me/" + chat.path("username").asString() + "/" + id.asLong();
        } else if (chat.path("id").asString("").startsWith("-100")) {
            // a private channel or supergroup: its link drops the -100 of the Bot API's id
            url = "https://t.me/c/" + chat.path("id").asString().substring(4) + "/" + id.asLong();
        }
        return new Release(Long.toString(id.asLong()), url, null);
    }

    /**
     * Telegram's answer in its words ({@code description}): a 429 defers the post by
     * {@code parameters.retry_after}; a group that became a supergroup names its new chat id.
     */
    private PlatformException translate(PlatformRefusedException e) {
        var answer = read(e.body());
        if (e.status() == 429) {
            var wait = answer.path("parameters").path("retry_after");
            var until = clock.instant().plusSeconds(wait.canConvertToLong() ? wait.asLong() : DEFAULT_WAIT_SECONDS);
            return new PublishDeferredException(
                    "Telegram's rate limit is reached (HTTP 429); the message was not sent and waits until " + until,
                    until);
        }
        var moved = answer.path("parameters").path("migrate_to_chat_id");
        var said = describe(answer)
                + (moved.canConvertToLong()
                        ? " (the group is a supergroup now: set config.chatId to " + moved.asLong() + ")"
                        : "");
        return said.isEmpty() ? e : e.reworded("Telegram refused it (HTTP " + e.status() + "): " + said);
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }

    private static String describe(JsonNode answer) {
        return answer.path("description").asString("");
    }

    private static boolean video(Publication.Image image, PlatformHttp.FetchedImage fetched) {
        return fetched.contentType().startsWith("video/") || ContentLimits.isVideo(image.path());
    }

    private static boolean isMessageId(String id) {
        return id != null && id.matches("[0-9]{1,18}");
    }

    /**
     * With media, the text is their caption, which holds less than a message: refused when the post
     * is made rather than cut when it is sent.
     */
    private static Optional<String> captionFits(ContentLimits.Item item) {
        var length = Utf16Length.TELEGRAM.length(item.text());
        if (item.media().isEmpty() || length <= MAX_CAPTION) {
            return Optional.empty();
        }
        return Optional.of("The post has media, so its text is their caption: it is " + length
                + " characters long; at most " + MAX_CAPTION + " are allowed (" + Utf16Length.TELEGRAM.note() + ")");
    }

    /** A bot and the chat it posts to. The token is a secret: never printed. */
    private record Bot(String token, String chat) {

        @Override
        public String toString() {
            return "Bot[chat=" + chat + "]";
        }
    }
}
