package io.herald.integrations.discord;

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
import io.herald.kernel.Digests;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts messages to a Discord channel as a bot: {@code POST /channels/{id}/messages}, with the
 * post's images (or videos) as attachments ({@code payload_json} and {@code files[n]} in one
 * multipart body); thread items reply to the thread's previous message ({@code message_reference}).
 * The channel is Postiz's {@code channel} setting. Servers connected through Discord are posted to
 * by Herald's own bot ({@code herald.providers.discord.bot-token}), and only in their own channels:
 * the channel is looked up first, and a channel of another server is refused, so that one
 * organization's posts can never reach a server another one connected. An integration may instead
 * bring a bot token of its own.
 *
 * <p>Creating a message is sent once (a repeat after an unknown outcome could post twice). Discord's
 * rate limits are followed: a 429 ({@code retry_after}, in seconds, in its body) defers the post
 * until Discord takes messages again, and a channel whose bucket an answer says is empty
 * ({@code X-RateLimit-Remaining: 0}) gets its next message only after {@code X-RateLimit-Reset-After}.
 */
@Component
class DiscordPublisher implements Publisher {

    static final String IDENTIFIER = "discord";

    /** Discord counts a message's length in code points; a bot's message holds 2,000. */
    static final int MAX_LENGTH = 2000;

    /** Attachments a message may carry. */
    static final int MAX_ATTACHMENTS = 10;

    private static final Pattern SNOWFLAKE = Pattern.compile("[0-9]{15,21}");

    /** A bot token's three dot-separated base64url parts; nothing else may reach a header. */
    private static final Pattern BOT_TOKEN =
            Pattern.compile("[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{20,}");

    private static final ContentLimits LIMITS = new ContentLimits(
                    MAX_LENGTH, ContentLimits.Unit.CHARACTERS, MAX_ATTACHMENTS)
            .withRule(DiscordPublisher::namesAChannel);

    /** When Discord answers 429 without saying for how long. */
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    private final DiscordApi api;

    private final PlatformHttp http;

    private final JsonMapper json;

    private final DiscordProperties properties;

    private final Clock clock;

    private final Buckets buckets = new Buckets();

    DiscordPublisher(DiscordApi api, PlatformHttp http, JsonMapper json, DiscordProperties properties, Clock clock) {
        this.api = api;
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    /**
     * By hand, {@code botToken} (and, to keep the bot to one server, {@code guildId}); connected
     * through Discord, the server's {@code guildId} (and the authorizing person's token, not used to post).
     */
    @Override
    public List<String> configErrors(JsonNode config) {
        var errors = new ArrayList<>(ConfigCheck.of(config)
                .optionalText("botToken")
                .optionalText("guildId")
                .optionalText("accessToken")
                .optionalText("refreshToken")
                .errors());
        if (!errors.isEmpty()) {
            return errors;
        }
        var token = config.path("botToken");
        var guild = config.path("guildId");
        if (token.isMissingNode() && guild.isMissingNode()) {
            errors.add("config needs botToken (a bot of the integration's own), or guildId (a server Herald's"
                    + " bot was added to; connecting the server through Discord sets it)");
        }
        if (token.isString() && !BOT_TOKEN.matcher(token.asString()).matches()) {
            errors.add("config.botToken must be a bot token as Discord's Developer Portal shows it");
        }
        if (guild.isString() && !SNOWFLAKE.matcher(guild.asString()).matches()) {
            errors.add("config.guildId must be a Discord server id (digits)");
        }
        if (token.isMissingNode() && !StringUtils.hasText(properties.botToken())) {
            errors.add("config.botToken is needed: this server has no bot of its own"
                    + " (herald.providers.discord.bot-token)");
        }
        return errors;
    }

    @Override
    public List<String> secretFields() {
        return List.of("botToken", "accessToken", "refreshToken");
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }

    @Override
    public Release publish(Publication publication, Channel channel, JsonNode config) {
        var token = config.path("botToken").isString() ? config.path("botToken").asString() : properties.botToken();
        if (!StringUtils.hasText(token)) {
            throw new PlatformException("Herald's Discord bot is not set up on this server"
                    + " (herald.providers.discord.bot-token); the message was not sent");
        }
        var bot = new Bot(token, HexFormat.of().formatHex(Digests.sha256(token)));
        try {
            var target = target(bot, publication, config);
            buckets.waitUntil(bot.key(), target.channel(), clock.instant()).ifPresent(until -> {
                throw new PublishDeferredException(
                        "Discord said the channel takes no more messages until " + until
                                + " (X-RateLimit-Remaining: 0); the message waits until then",
                        until);
            });
            var message = send(bot, target, publication);
            var id = message.path("id").asString("");
            if (!SNOWFLAKE.matcher(id).matches()) {
                throw new PlatformException(
                        "Discord accepted the message but answered without its id; it is probably posted");
            }
            var meta = json.createObjectNode().put("channel", target.channel());
            if (target.guild() != null) {
                meta.put("guild", target.guild());
            }
            return new Release(
                    id,
                    "https://discord.com/channels/" + (target.guild() == null ? "@me" : target.guild()) + "/"
                            + target.channel() + "/" + id,
                    meta);
        } catch (PlatformRefusedException e) {
            throw translate(bot, e);
        }
    }

    /**
     * Where the message goes: a thread item into its predecessor's channel; a first message into
     * {@code settings.channel}, once Discord has said it is a channel of the integration's server.
     */
    private Target target(Bot bot, Publication publication, JsonNode config) {
        if (publication.isReply()) {
            var parent = publication.parent();
            var meta = parent.meta() == null ? json.missingNode() : parent.meta();
            if (parent.id() == null || !meta.path("channel").isString()) {
                throw new PlatformException("The thread's previous post has no Discord message to reply to");
            }
            return new Target(
                    meta.path("channel").asString(),
                    meta.path("guild").isString() ? meta.path("guild").asString() : null);
        }
        var channel = publication.settings() == null
                ? ""
                : publication.settings().path("channel").asString("");
        if (!SNOWFLAKE.matcher(channel).matches()) {
            throw new PlatformException("settings.channel must name the Discord channel to post in");
        }
        var found = api.get(bot.authorization(), "/channels/" + channel);
        var guild = found.path("guild_id").isString() ? found.path("guild_id").asString() : null;
        var own = config.path("guildId");
        if (own.isString() && !own.asString().equals(guild)) {
            throw new PlatformException("Channel " + channel + " is not in the Discord server this integration"
                    + " posts to; the message was not sent");
        }
        return new Target(channel, guild);
    }

    /** One message, its media attached in the same request. */
    private JsonNode send(Bot bot, Target target, Publication publication) {
        var payload = json.createObjectNode();
        if (!publication.text().isEmpty()) {
            payload.put("content", publication.text());
        }
        if (publication.isReply()) {
            payload.putObject("message_reference")
                    .put("message_id", publication.parent().id())
                    .put("channel_id", target.channel())
                    .put("fail_if_not_exists", true);
        }
        var path = "/channels/" + target.channel() + "/messages";
        HttpResponse<String> answer;
        if (publication.images().isEmpty()) {
            var body = json.writeValueAsString(payload);
            answer = http.send(
                    DiscordApi.PLATFORM,
                    () -> api.call(bot.authorization(), path)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    false);
        } else {
            var form = attachments(payload, publication.images());
            var body = form.bytes();
            answer = http.send(
                    DiscordApi.PLATFORM,
                    () -> api.call(bot.authorization(), path)
                            .header("Content-Type", form.contentType())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    false);
        }
        remember(bot, target.channel(), answer);
        return api.read(answer.body());
    }

    /** {@code payload_json} naming each attachment by its index, then the files as {@code files[n]}. */
    private MultipartForm attachments(ObjectNode payload, List<Publication.Image> images) {
        var files = new ArrayList<PlatformHttp.FetchedImage>();
        var attachments = payload.putArray("attachments");
        for (var image : images) {
            var fetched = http.fetchImage(image.path());
            var attachment = attachments.addObject().put("id", files.size()).put("filename", fetched.fileName());
            if (image.alt() != null && !image.alt().isBlank()) {
                attachment.put("description", image.alt());
            }
            files.add(fetched);
        }
        var form = new MultipartForm().field("payload_json", json.writeValueAsString(payload));
        for (int i = 0; i < files.size(); i++) {
            var file = files.get(i);
            form.file("files[" + i + "]", file.fileName(), file.contentType(), file.bytes());
        }
        return form;
    }

    /** An answer that empties the channel's bucket holds its next message until the bucket resets. */
    private void remember(Bot bot, String channel, HttpResponse<String> answer) {
        if ("0".equals(answer.headers().firstValue("X-RateLimit-Remaining").orElse(null))) {
            seconds(answer.headers().firstValue("X-RateLimit-Reset-After").orElse(null))
                    .ifPresent(wait -> buckets.channelEmpty(
                            bot.key(), channel, clock.instant().plus(wait)));
        }
    }

    /**
     * A 429 defers the post for as long as Discord asks ({@code retry_after} in the body, else its
     * headers); other refusals are told in Discord's words. A 401 stays a 401.
     */
    private PlatformException translate(Bot bot, PlatformRefusedException e) {
        if (e.status() != 429) {
            return api.reworded(e);
        }
        var body = api.read(e.body());
        var wait = body.path("retry_after").isNumber()
                ? Optional.of(Duration.ofMillis(
                        (long) Math.ceil(body.path("retry_after").asDouble() * 1000)))
                : seconds(e.headers().firstValue("X-RateLimit-Reset-After").orElse(null))
                        .or(() -> seconds(e.headers().firstValue("Retry-After").orElse(null)));
        var until = clock.instant().plus(wait.orElse(DEFAULT_WAIT));
        var global = body.path("global").asBoolean(false)
                || "true"
                        .equalsIgnoreCase(
                                e.headers().firstValue("X-RateLimit-Global").orElse(""));
        if (global) {
            buckets.globalEmpty(bot.key(), until);
        }
        return new PublishDeferredException(
                "Discord's " + (global ? "global " : "") + "rate limit is reached (HTTP 429); the message was not"
                        + " sent and waits until " + until,
                until);
    }

    private static Optional<Duration> seconds(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            var seconds = Double.parseDouble(value.trim());
            return seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)
                    ? Optional.empty()
                    : Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Postiz's {@code channel} setting is required, as Postiz requires it: where else would the message go. */
    private static Optional<String> namesAChannel(ContentLimits.Item item) {
        var channel = item.settings() == null ? null : item.settings().get("channel");
        if (channel != null
                && channel.isString()
                && SNOWFLAKE.matcher(channel.asString()).matches()) {
            return Optional.empty();
        }
        return Optional.of("settings.channel must be the id of the Discord channel to post in");
    }

    /** A bot: its token (a secret, never printed) and a digest that stands for it in {@link Buckets}. */
    private record Bot(String token, String key) {

        String authorization() {
            return "Bot " + token;
        }

        @Override
        public String toString() {
            return "Bot[" + key.substring(0, 8) + "]";
        }
    }

    /** The channel a message goes to, and its server (null for a direct message). */
    private record Target(String channel, String guild) {}
}
