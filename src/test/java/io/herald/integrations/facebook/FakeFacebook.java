package io.herald.integrations.facebook;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Facebook's Graph API for pages, as Meta documents it, on a local port: Facebook Login
 * ({@link FakeFacebookLogin}), {@code /me/accounts} listing the pages the user manages with each
 * page's own token, and, with that token only, {@code /<page>/photos} (Facebook fetching the photo
 * from its URL; {@code published=false} keeps it for a post), {@code /<page>/feed} (message, link,
 * {@code attached_media} of the page's unpublished photos, each attached once), {@code /<page>/videos}
 * ({@code file_url}), {@code /<object>/comments} on what was published, and {@code permalink_url};
 * Meta's error bodies, and page-level throttling (code 32 with {@code X-Business-Use-Case-Usage}).
 * It also serves the media posts point at, under {@code /files/}, as the public server Facebook
 * fetches them from.
 */
public final class FakeFacebook extends GraphFake {

    private static final Pattern OBJECT = Pattern.compile(Pattern.quote(Graph.VERSION) + "/([0-9_]+)(/[a-z_]+)?");

    private final FakeFacebookLogin login = new FakeFacebookLogin();

    private final AtomicLong ids = new AtomicLong(100_200_300_400L);

    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    private final Map<String, Photo> photos = new ConcurrentHashMap<>();

    private final List<ObjectNode> posts = new CopyOnWriteArrayList<>();

    private final List<ObjectNode> videos = new CopyOnWriteArrayList<>();

    private final List<ObjectNode> comments = new CopyOnWriteArrayList<>();

    private final Queue<Answer> feedAnswers = new ConcurrentLinkedQueue<>();

    public synchronized void reset() {
        login.reset();
        pages.clear();
        photos.clear();
        posts.clear();
        videos.clear();
        comments.clear();
        feedAnswers.clear();
        clear();
    }

    public FakeFacebookLogin login() {
        return login;
    }

    /** The user manages this page; it gets a page token of its own, answered. */
    public String manages(String id, String name, String username) {
        var page = new Page(id, name, username, "https://scontent.fb.test/" + id + ".jpg", "EAAP" + Graph.token(32));
        pages.put(id, page);
        return page.token();
    }

    /** The next {@code /<page>/feed} posts get these answers, one each, before Facebook takes them again. */
    public void answerFeed(Answer... answers) {
        feedAnswers.addAll(List.of(answers));
    }

    /** Page-level throttling as Meta answers it: code 32, the page's usage at 100%, no estimate. */
    public static Answer pageLimit(String page) {
        return Graph.error(400, 32, 0, "OAuthException", "(#32) Page request limit reached")
                .withHeader(
                        "X-Business-Use-Case-Usage",
                        "{\"" + page + "\":[{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":4,"
                                + "\"total_time\":6,\"estimated_time_to_regain_access\":0}]}");
    }

    public List<ObjectNode> posts() {
        return List.copyOf(posts);
    }

    public List<ObjectNode> videos() {
        return List.copyOf(videos);
    }

    public List<ObjectNode> comments() {
        return List.copyOf(comments);
    }

    /** The photo uploaded under {@code id}: its page, source URL, alt text and whether a post shows it. */
    public Photo photo(String id) {
        return photos.get(id);
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
        var object = route.group(1);
        var edge = route.group(2) == null ? "" : route.group(2);
        var params = Graph.params(request);
        var page = pageOf(token);
        if (page == null) {
            return login.isUserToken(token) ? notAsPage() : Graph.invalidToken();
        }
        if (request.method().equals("GET") && edge.isEmpty()) {
            return read(page, object, params.getOrDefault("fields", ""));
        }
        if (!request.method().equals("POST")) {
            return Graph.error(400, 100, 0, "GraphMethodException", "Unsupported get request.");
        }
        if (edge.equals("/comments")) {
            return comment(page, object, params);
        }
        if (!object.equals(page.id())) {
            return notAsPage();
        }
        return switch (edge) {
            case "/photos" -> photo(page, params);
            case "/feed" -> feed(page, params);
            case "/videos" -> video(page, params);
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
            if (page.username() != null) {
                entry.put("username", page.username());
            }
            entry.putObject("picture").putObject("data").put("url", page.picture());
        });
        body.putObject("paging").putObject("cursors").put("before", "QVFIUb").put("after", "QVFIUa");
        return Graph.ok(body);
    }

    private Answer photo(Page page, Map<String, String> params) {
        var url = params.getOrDefault("url", "");
        if (!fetchable(url)) {
            return Graph.error(400, 324, 2069019, "OAuthException", "(#324) Missing or invalid image file");
        }
        var id = Long.toString(ids.incrementAndGet());
        photos.put(
                id,
                new Photo(
                        page.id(),
                        url,
                        params.get("alt_text_custom"),
                        !"false".equals(params.get("published")),
                        new AtomicBoolean()));
        return Graph.ok(Graph.json.createObjectNode().put("id", id));
    }

    private Answer feed(Page page, Map<String, String> params) {
        var canned = feedAnswers.poll();
        if (canned != null) {
            return canned;
        }
        var attached = new ArrayList<String>();
        for (int i = 0; params.containsKey("attached_media[" + i + "]"); i++) {
            var fbid = Graph.json
                    .readTree(params.get("attached_media[" + i + "]"))
                    .path("media_fbid")
                    .asString("");
            var photo = photos.get(fbid);
            if (photo == null || !photo.page().equals(page.id()) || photo.published()) {
                return Graph.error(400, 100, 0, "OAuthException", "(#100) Invalid media_fbid " + fbid);
            }
            if (!photo.attached().compareAndSet(false, true)) {
                return Graph.error(400, 100, 1366051, "OAuthException", "(#100) These photos were already posted.");
            }
            attached.add(fbid);
        }
        var message = params.getOrDefault("message", "");
        if (message.isEmpty() && attached.isEmpty() && !params.containsKey("link")) {
            return Graph.error(
                    400, 100, 0, "OAuthException", "(#100) Requires one of the params: message, link, attached_media");
        }
        var id = page.id() + "_" + ids.incrementAndGet();
        var post = Graph.json.createObjectNode().put("id", id).put("message", message);
        if (params.containsKey("link")) {
            post.put("link", params.get("link"));
        }
        var media = post.putArray("attached_media");
        attached.forEach(media::add);
        posts.add(post);
        return Graph.ok(Graph.json.createObjectNode().put("id", id));
    }

    private Answer video(Page page, Map<String, String> params) {
        var url = params.getOrDefault("file_url", "");
        if (!fetchable(url)) {
            return Graph.error(400, 6000, 1363130, "OAuthException", "There was a problem uploading your video file.");
        }
        var id = Long.toString(ids.incrementAndGet());
        videos.add(Graph.json
                .createObjectNode()
                .put("id", id)
                .put("page", page.id())
                .put("file_url", url)
                .put("description", params.getOrDefault("description", "")));
        return Graph.ok(Graph.json.createObjectNode().put("id", id));
    }

    private Answer comment(Page page, String object, Map<String, String> params) {
        var onPost = posts.stream().anyMatch(post -> post.path("id").asString().equals(object));
        var onVideo =
                videos.stream().anyMatch(video -> video.path("id").asString().equals(object));
        if (!onPost && !onVideo) {
            return Graph.error(
                    400,
                    100,
                    33,
                    "GraphMethodException",
                    "Unsupported post request. Object with ID '" + object + "' does not exist, cannot be loaded due"
                            + " to missing permissions, or does not support this operation.");
        }
        if (params.getOrDefault("message", "").isEmpty()) {
            return Graph.error(400, 100, 0, "OAuthException", "(#100) Missing message or attachment");
        }
        var id = object.substring(object.indexOf('_') + 1) + "_" + ids.incrementAndGet();
        comments.add(Graph.json
                .createObjectNode()
                .put("id", id)
                .put("on", object)
                .put("from", page.id())
                .put("message", params.get("message")));
        return Graph.ok(Graph.json.createObjectNode().put("id", id));
    }

    private Answer read(Page page, String object, String fields) {
        if (!fields.equals("permalink_url")) {
            return Graph.error(
                    400, 100, 0, "OAuthException", "(#100) Tried accessing nonexisting field (" + fields + ")");
        }
        String link = null;
        if (posts.stream().anyMatch(post -> post.path("id").asString().equals(object))) {
            link = "https://www.facebook.com/" + page.id() + "/posts/" + object.substring(object.indexOf('_') + 1);
        } else if (videos.stream().anyMatch(video -> video.path("id").asString().equals(object))) {
            link = "/" + page.id() + "/videos/" + object + "/";
        } else {
            for (var comment : comments) {
                if (comment.path("id").asString().equals(object)) {
                    var post = comment.path("on").asString();
                    link = "https://www.facebook.com/" + page.id() + "/posts/" + post.substring(post.indexOf('_') + 1)
                            + "?comment_id=" + object.substring(object.indexOf('_') + 1);
                }
            }
        }
        if (link == null) {
            return Graph.error(400, 100, 33, "GraphMethodException", "Object with ID '" + object + "' does not exist");
        }
        return Graph.ok(Graph.json.createObjectNode().put("permalink_url", link).put("id", object));
    }

    private Page pageOf(String token) {
        return token == null
                ? null
                : pages.values().stream()
                        .filter(page -> page.token().equals(token))
                        .findFirst()
                        .orElse(null);
    }

    private static Answer notAsPage() {
        return Graph.error(
                403,
                200,
                0,
                "OAuthException",
                "(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin"
                        + " with sufficient administrative permission");
    }

    /** A page the user manages, with its own token. */
    public record Page(String id, String name, String username, String picture, String token) {}

    /** An uploaded photo; {@code attached} once a post shows it. */
    public record Photo(String page, String url, String alt, boolean published, AtomicBoolean attached) {}
}
