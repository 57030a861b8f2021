package io.herald.integrations.telegram;

import io.herald.support.MultipartBody;
import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram's Bot API as its documentation describes it, on a local port: {@code /bot<token>/<method>}
 * (an unknown token answers 401), {@code sendMessage} (JSON), {@code sendPhoto}, {@code sendVideo}
 * and {@code sendMediaGroup} (multipart, files attached by name, 2 to 10 items), the 4,096 and 1,024
 * (caption) limits counted in UTF-16 code units, {@code reply_parameters} that must name a message
 * of the chat, {@code ok:false} error bodies with {@code error_code} and {@code description}, a group
 * upgraded to a supergroup ({@code migrate_to_chat_id}) and 429 with {@code parameters.retry_after}.
 * It also serves the images posts point at, under {@code /files/}.
 */
public final class FakeTelegram implements AutoCloseable {

    /** A bot's token, as BotFather hands it out. */
    public static final String TOKEN = "7311234567:AAH-heraldTestBotSecret_0123456789ab";

    /** A public channel of the bot: its links use the username. */
    public static final Chat CHANNEL = new Chat("-1001987654321", "channel", "Herald News", "heraldnews");

    /** A private supergroup: its links use the id without -100. */
    public static final Chat GROUP = new Chat("-1002223334445", "supergroup", "Team room", null);

    /** A basic group that was upgraded to {@link #GROUP}: posting to it is refused with the new id. */
    public static final String OLD_GROUP = "-4001234567";

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final Set<String> SENDS = Set.of("sendMessage", "sendPhoto", "sendVideo", "sendMediaGroup");

    private final PlatformStub http = new PlatformStub();

    private final Map<String, Chat> chats = new ConcurrentHashMap<>();

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private final Queue<Integer> rateLimits = new ArrayDeque<>();

    private volatile boolean dropSends;

    public FakeTelegram() {
        http.answer(this::answer);
        reset();
    }

    public String url(String path) {
        return http.url(path);
    }

    /** Forgets every request, message and setting. */
    public synchronized void reset() {
        chats.clear();
        chats.put(CHANNEL.id(), CHANNEL);
        chats.put(GROUP.id(), GROUP);
        messages.clear();
        http.forgetFiles();
        rateLimits.clear();
        dropSends = false;
        http.clear();
    }

    /** The next sends answer 429, each asking to wait {@code seconds}. */
    public synchronized void rateLimit(Integer... seconds) {
        rateLimits.addAll(List.of(seconds));
    }

    /** Sends from now on drop the connection without an answer (the outcome unknown to the bot). */
    public void dropSends() {
        this.dropSends = true;
    }

    /** Serves {@code bytes} at {@code /files/<name>} and answers its URL. */
    public String file(String name, String contentType, byte[] bytes) {
        return http.serve(name, contentType, bytes);
    }

    public List<Received> received() {
        return http.received();
    }

    /** The requests to a method of the bot. */
    public List<Received> calls(String method) {
        return http.received("/bot" + TOKEN + "/" + method);
    }

    /** Every message the chats hold, in the order they were sent. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        http.close();
    }

    private Answer answer(Received request) {
        var path = request.path();
        var parts = path.split("/");
        if (parts.length != 3 || !parts[1].startsWith("bot")) {
            return error(404, "Not Found", null);
        }
        if (!parts[1].substring(3).equals(TOKEN)) {
            return error(401, "Unauthorized", null);
        }
        var method = parts[2];
        if (!SENDS.contains(method) || !request.method().equals("POST")) {
            return error(404, "Not Found: method not found", null);
        }
        if (dropSends) {
            return Answer.dropConnection();
        }
        synchronized (this) {
            var wait = rateLimits.poll();
            if (wait != null) {
                return error(
                        429,
                        "Too Many Requests: retry after " + wait,
                        json.createObjectNode().put("retry_after", wait));
            }
        }
        var form = read(request);
        var chat = chats.get(form.getOrDefault("chat_id", ""));
        if (OLD_GROUP.equals(form.get("chat_id"))) {
            return error(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    json.createObjectNode().put("migrate_to_chat_id", Long.parseLong(GROUP.id())));
        }
        if (chat == null) {
            return error(400, "Bad Request: chat not found", null);
        }
        Long replyTo = null;
        if (form.containsKey("reply_parameters")) {
            var reply = json.readTree(form.get("reply_parameters")).path("message_id");
            if (!reply.canConvertToLong() || find(chat, reply.asLong()) == null) {
                return error(400, "Bad Request: message to be replied not found", null);
            }
            replyTo = reply.asLong();
        }
        return switch (method) {
            case "sendMessage" -> sendMessage(chat, form, replyTo);
            case "sendPhoto", "sendVideo" ->
                sendOne(chat, method.equals("sendPhoto") ? "photo" : "video", request, form, replyTo);
            default -> sendMediaGroup(chat, request, form, replyTo);
        };
    }

    private Answer sendMessage(Chat chat, Map<String, String> form, Long replyTo) {
        var text = form.getOrDefault("text", "");
        if (text.isEmpty()) {
            return error(400, "Bad Request: message text is empty", null);
        }
        if (text.length() > 4096) {
            return error(400, "Bad Request: message is too long", null);
        }
        var message = store(chat, "text", text, List.of(), replyTo, null);
        return ok(message(message));
    }

    private Answer sendOne(Chat chat, String kind, Received request, Map<String, String> form, Long replyTo) {
        var body = multipart(request);
        if (body == null
                || body.parts().stream().noneMatch(part -> kind.equals(part.name()) && part.fileName() != null)) {
            return error(400, "Bad Request: there is no " + kind + " in the request", null);
        }
        var caption = form.get("caption");
        if (caption != null && caption.length() > 1024) {
            return error(400, "Bad Request: message caption is too long", null);
        }
        var part = body.part(kind);
        var message =
                store(chat, kind, caption, List.of(new Media(kind, part.fileName(), part.content())), replyTo, null);
        return ok(message(message));
    }

    private Answer sendMediaGroup(Chat chat, Received request, Map<String, String> form, Long replyTo) {
        var body = multipart(request);
        var media = json.readTree(form.getOrDefault("media", "[]"));
        if (body == null || !media.isArray() || media.size() < 2 || media.size() > 10) {
            return error(400, "Bad Request: wrong number of media in the group (2 to 10)", null);
        }
        var items = new ArrayList<Media>();
        String caption = null;
        for (var item : media) {
            var type = item.path("type").asString("");
            var attach = item.path("media").asString("");
            if (!Set.of("photo", "video").contains(type) || !attach.startsWith("attach://")) {
                return error(400, "Bad Request: can't parse InputMedia", null);
            }
            var name = attach.substring("attach://".length());
            var part = body.parts().stream().filter(p -> name.equals(p.name())).findFirst();
            if (part.isEmpty() || part.get().fileName() == null) {
                return error(400, "Bad Request: file " + name + " not found in the request", null);
            }
            var itemCaption = item.path("caption").asString(null);
            if (itemCaption != null && itemCaption.length() > 1024) {
                return error(400, "Bad Request: message caption is too long", null);
            }
            if (caption == null) {
                caption = itemCaption;
            }
            items.add(new Media(type, part.get().fileName(), part.get().content()));
        }
        var group = "album-" + messages.size();
        var result = json.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            var message =
                    store(chat, items.get(i).type(), i == 0 ? caption : null, List.of(items.get(i)), replyTo, group);
            result.add(message(message));
        }
        return ok(result);
    }

    private synchronized Message store(
            Chat chat, String kind, String text, List<Media> media, Long replyTo, String group) {
        var id = messages.stream().filter(m -> m.chat().equals(chat)).count() + 1;
        var message = new Message(chat, id, kind, text, media, replyTo, group);
        messages.add(message);
        return message;
    }

    private Message find(Chat chat, long id) {
        return messages.stream()
                .filter(m -> m.chat().equals(chat) && m.id() == id)
                .findFirst()
                .orElse(null);
    }

    private static ObjectNode message(Message message) {
        var node = json.createObjectNode().put("message_id", message.id()).put("date", 1_760_000_000L);
        var chat = node.putObject("chat")
                .put("id", Long.parseLong(message.chat().id()))
                .put("type", message.chat().type())
                .put("title", message.chat().title());
        if (message.chat().username() != null) {
            chat.put("username", message.chat().username());
        }
        if (message.kind().equals("text")) {
            node.put("text", message.text());
        } else {
            node.putArray(message.kind()).addObject().put("file_id", "f-" + message.id());
            if (message.text() != null) {
                node.put("caption", message.text());
            }
        }
        if (message.group() != null) {
            node.put("media_group_id", message.group());
        }
        if (message.replyTo() != null) {
            node.putObject("reply_to_message").put("message_id", message.replyTo());
        }
        return node;
    }

    /** The request's parameters, from a JSON body or a multipart form's text fields. */
    private static Map<String, String> read(Received request) {
        var fields = new LinkedHashMap<String, String>();
        var type = request.header("Content-Type");
        if (type != null && type.startsWith("application/json")) {
            json.readTree(request.bodyText())
                    .properties()
                    .forEach(field -> fields.put(
                            field.getKey(),
                            field.getValue().isString()
                                    ? field.getValue().asString()
                                    : field.getValue().toString()));
        } else if (type != null && type.startsWith("multipart/form-data")) {
            for (var part : MultipartBody.parse(type, request.body()).parts()) {
                if (part.fileName() == null) {
                    fields.put(part.name(), part.text());
                }
            }
        }
        return fields;
    }

    private static MultipartBody multipart(Received request) {
        var type = request.header("Content-Type");
        return type != null && type.startsWith("multipart/form-data")
                ? MultipartBody.parse(type, request.body())
                : null;
    }

    private static Answer ok(JsonNode result) {
        var answer = json.createObjectNode().put("ok", true);
        answer.set("result", result);
        return Answer.json(200, answer.toString());
    }

    private static Answer error(int code, String description, ObjectNode parameters) {
        var answer =
                json.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
        if (parameters != null) {
            answer.set("parameters", parameters);
        }
        return Answer.json(code, answer.toString());
    }

    public record Chat(String id, String type, String title, String username) {}

    /** A photo or video as Telegram stored it. */
    public record Media(String type, String fileName, byte[] bytes) {}

    /** A message in a chat; {@code text} is its caption for media; {@code group} its album. */
    public record Message(
            Chat chat, long id, String kind, String text, List<Media> media, Long replyTo, String group) {}
}
