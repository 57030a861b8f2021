package io.herald.integrations.instagram;

import io.herald.integrations.meta.FakeFacebookLogin;
import io.herald.integrations.meta.Graph;
import io.herald.integrations.meta.GraphFake;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Instagram's content publishing through the Graph API with Facebook Login, as Meta documents it,
 * on a local port: Facebook Login ({@link FakeFacebookLogin}), {@code /me/accounts} with each page's
 * {@code instagram_business_account} and token, and with a page's token (for the account linked to
 * it only): {@code /<ig-user>/media} making containers (an image, a reel, carousel items, a carousel
 * of 2 to 10 finished items; Instagram fetches the media from its URL), their {@code status_code}
 * ({@code IN_PROGRESS} for as many looks as the test says, then {@code FINISHED}),
 * {@code /<ig-user>/media_publish} (a finished container, once), {@code permalink}, and
 * {@code /<media>/comments}; Meta's error bodies, and app-level throttling (code 4 with
 * {@code X-App-Usage}). It also serves the media posts point at, under {@code /files/}.
 */
public final class FakeInstagram extends GraphFake {

    private static final Pattern OBJECT = Pattern.compile(Pattern.quote(Graph.VERSION) + "/([0-9]+)(/[a-z_]+)?");

    private final FakeFacebookLogin login = new FakeFacebookLogin();

    private final AtomicLong ids = new AtomicLong(17_900_000_000_000_000L);

    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    private final Map<String, Container> containers = new ConcurrentHashMap<>();

    private final List<ObjectNode> media = new CopyOnWriteArrayList<>();

    private final List<ObjectNode> comments = new CopyOnWriteArrayList<>();

    private final Queue<Answer> publishAnswers = new ConcurrentLinkedQueue<>();

    private volatile int processingLooks;

    public synchronized void reset() {
        login.reset();
        pages.clear();
        containers.clear();
        media.clear();
        comments.clear();
        publishAnswers.clear();
        processingLooks = 0;
        clear();
    }

    public FakeFacebookLogin login() {
        return login;
    }

    /** The user manages this page, linked to this Instagram professional account; answers the page's token. */
    public String links(String pageId, String pageName, Account account) {
        var token = "EAAP" + Graph.token(32);
        pages.put(pageId, new Page(pageId, pageName, token, account));
        return token;
    }

    /** Containers made from now on are {@code IN_PROGRESS} for this many looks at their status. */
    public void processingLooks(int looks) {
        this.processingLooks = looks;
    }

    /** The next {@code media_publish} calls get these answers, one each, before Instagram takes them again. */
    public void answerPublish(Answer... answers) {
        publishAnswers.addAll(List.of(answers));
    }

    /** App-level throttling as Meta answers it: code 4, the app's usage at 100%, no time given. */
    public static Answer appLimit() {
        return Graph.error(403, 4, 0, "OAuthException", "(#4) Application request limit reached")
                .withHeader("X-App-Usage", "{\"call_count\":100,\"total_cputime\":9,\"total_time\":14}");
    }

    /** The published media, each with the container it came from. */
    public List<ObjectNode> media() {
        return List.copyOf(media);
    }

    public List<ObjectNode> comments() {
        return List.copyOf(comments);
    }

    public Container container(String id) {
        return containers.get(id);
    }

    @Override
    protected Answer answer(Received request) {
        var answered = login.answer(request);
        if (answered != null) {
            return answered;
        }
        var token = Graph.bearer(request);
        if (request.method().equals("GET") && request.path().equals(Graph.VERSION + "/me/accounts")) {
            return login.isUserToken(token) ? accounts() : Graph.invalidToken();
        }
        var route = OBJECT.matcher(request.path());
        if (!route.matches()) {
            return Graph.error(400, 2500, 0, "OAuthException", "Unknown path components: " + request.path());
        }
        var account = accountOf(token);
        if (account == null) {
            return Graph.invalidToken();
        }
        var object = route.group(1);
        var edge = route.group(2) == null ? "" : route.group(2);
        var params = Graph.params(request);
        if (request.method().equals("GET") && edge.isEmpty()) {
            return read(object, params.getOrDefault("fields", ""));
        }
        if (edge.equals("/comments")) {
            return comment(account, object, params);
        }
        if (!object.equals(account.id())) {
            return Graph.error(
                    400,
                    100,
                    33,
                    "GraphMethodException",
                    "Unsupported post request. Object with ID '" + object + "' does not exist, cannot be loaded due"
                            + " to missing permissions, or does not support this operation");
        }
        return switch (edge) {
            case "/media" -> container(account, params);
            case "/media_publish" -> publish(account, params);
            default -> Graph.error(400, 100, 0, "OAuthException", "(#100) Unknown edge " + edge);
        };
    }

    private Answer accounts() {
        var body = Graph.json.createObjectNode();
        var data = body.putArray("data");
        pages.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(page -> {
            var entry = data.addObject()
                    .put("id", page.id())
                    .put("name", page.name())
                    .put("access_token", page.token());
            if (page.account() != null) {
                entry.putObject("instagram_business_account")
                        .put("id", page.account().id())
                        .put("username", page.account().username())
                        .put("name", page.account().name())
                        .put("profile_picture_url", page.account().picture());
            }
        });
        return Graph.ok(body);
    }

    private Answer container(Account account, Map<String, String> params) {
        var type = params.getOrDefault("media_type", params.containsKey("image_url") ? "IMAGE" : "");
        var item = "true".equals(params.get("is_carousel_item"));
        var caption = params.get("caption");
        if (caption != null && caption.codePointCount(0, caption.length()) > 2200) {
            return Graph.error(400, 100, 2207010, "OAuthException", "The caption is too long.");
        }
        var children = new ArrayList<String>();
        switch (type) {
            case "IMAGE" -> {
                if (!fetchable(params.get("image_url"))) {
                    return downloadFailed(params.get("image_url"));
                }
            }
            case "REELS", "VIDEO" -> {
                if (type.equals("VIDEO") != item) {
                    return Graph.error(
                            400, 100, 2207023, "OAuthException", "The media type " + type + " is not supported here");
                }
                if (!fetchable(params.get("video_url"))) {
                    return downloadFailed(params.get("video_url"));
                }
            }
            case "CAROUSEL" -> {
                for (var child : params.getOrDefault("children", "").split(",")) {
                    var container = containers.get(child);
                    if (container == null
                            || !container.item()
                            || !container.account().equals(account.id())) {
                        return Graph.error(400, 100, 0, "OAuthException", "(#100) Invalid children " + child);
                    }
                    if (!container.finished()) {
                        return Graph.error(
                                400, 9007, 2207027, "OAuthException", "The carousel item " + child + " is not ready");
                    }
                    children.add(child);
                }
                if (children.size() < 2 || children.size() > 10) {
                    return Graph.error(
                            400,
                            100,
                            2207028,
                            "OAuthException",
                            "(#100) The carousel has too little or too many attachments: it takes 2 to 10");
                }
            }
            default -> {
                return Graph.error(400, 100, 0, "OAuthException", "(#100) The parameter image_url is required.");
            }
        }
        var id = Long.toString(ids.incrementAndGet());
        containers.put(
                id,
                new Container(
                        id,
                        account.id(),
                        type,
                        params.getOrDefault("image_url", params.get("video_url")),
                        caption,
                        params.get("alt_text"),
                        item,
                        List.copyOf(children),
                        new AtomicInteger(processingLooks),
                        new AtomicBoolean()));
        return Graph.ok(Graph.json.createObjectNode().put("id", id));
    }

    private Answer publish(Account account, Map<String, String> params) {
        var canned = publishAnswers.poll();
        if (canned != null) {
            return canned;
        }
        var container = containers.get(params.getOrDefault("creation_id", ""));
        if (container == null || !container.account().equals(account.id()) || container.item()) {
            return Graph.error(400, 100, 0, "OAuthException", "(#100) Invalid creation_id");
        }
        if (!container.finished()) {
            return Graph.error(
                    400,
                    9007,
                    2207027,
                    "OAuthException",
                    "Media ID is not available: the media is not ready for publishing, please wait for a moment");
        }
        if (!container.published().compareAndSet(false, true)) {
            return Graph.error(400, 9007, 2207027, "OAuthException", "The media has been published already");
        }
        var id = Long.toString(ids.incrementAndGet());
        media.add(Graph.json
                .createObjectNode()
                .put("id", id)
                .put("container", container.id())
                .put("shortcode", "C" + Graph.token(6).replaceAll("[^A-Za-z0-9]", "x")));
        return Graph.ok(Graph.json.createObjectNode().put("id", id));
    }

    private Answer comment(Account account, String object, Map<String, String> params) {
        if (media.stream()
                .noneMatch(published -> published.path("id").asString().equals(object))) {
            return Graph.error(400, 100, 33, "GraphMethodException", "Object with ID '" + object + "' does not exist");
        }
        if (params.getOrDefault("message", "").isEmpty()) {
            return Graph.error(400, 100, 0, "OAuthException", "(#100) The parameter message is required");
        }
        var id = Long.toString(ids.incrementAndGet());
        comments.add(Graph.json
                .createObjectNode()
                .put("id", id)
                .put("on", object)
                .put("from", account.id())
                .put("message", params.get("message")));
        return Graph.ok(Graph.json.createObjectNode().put("id", id));
    }

    private Answer read(String object, String fields) {
        var container = containers.get(object);
        if (container != null && fields.startsWith("status_code")) {
            var status = container.published().get()
                    ? "PUBLISHED"
                    : container
                                            .looksLeft()
                                            .getAndUpdate(
                                                    left -> left == Integer.MAX_VALUE || left <= 0 ? left : left - 1)
                                    > 0
                            ? "IN_PROGRESS"
                            : "FINISHED";
            return Graph.ok(
                    Graph.json.createObjectNode().put("status_code", status).put("id", object));
        }
        for (var published : media) {
            if (published.path("id").asString().equals(object) && fields.equals("permalink")) {
                return Graph.ok(Graph.json
                        .createObjectNode()
                        .put(
                                "permalink",
                                "https://www.instagram.com/p/"
                                        + published.path("shortcode").asString() + "/")
                        .put("id", object));
            }
        }
        return Graph.error(400, 100, 33, "GraphMethodException", "Object with ID '" + object + "' does not exist");
    }

    private static Answer downloadFailed(String url) {
        var body = Graph.json.createObjectNode();
        body.putObject("error")
                .put("message", "Only photo or video can be accepted as media type.")
                .put("type", "OAuthException")
                .put("code", 9004)
                .put("error_subcode", 2207052)
                .put("is_transient", false)
                .put("error_user_title", "Media download has failed.")
                .put("error_user_msg", "The media could not be fetched from this URI: " + url + ".")
                .put("fbtrace_id", "A" + Graph.token(9));
        return Answer.json(400, body.toString());
    }

    private Account accountOf(String token) {
        return token == null
                ? null
                : pages.values().stream()
                        .filter(page -> page.token().equals(token) && page.account() != null)
                        .map(Page::account)
                        .findFirst()
                        .orElse(null);
    }

    /** An Instagram professional account. */
    public record Account(String id, String username, String name, String picture) {}

    private record Page(String id, String name, String token, Account account) {}

    /** A media container; IN_PROGRESS while {@code looksLeft} is above zero (for ever at {@link Integer#MAX_VALUE}). */
    public record Container(
            String id,
            String account,
            String type,
            String url,
            String caption,
            String alt,
            boolean item,
            List<String> children,
            AtomicInteger looksLeft,
            AtomicBoolean published) {

        boolean finished() {
            return looksLeft.get() <= 0;
        }
    }
}
