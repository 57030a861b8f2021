package io.herald.posts.api;

import io.herald.kernel.ApiTime;
import io.herald.kernel.Ids;
import io.herald.kernel.StorableText;
import io.herald.posts.domain.CreatePost;
import io.herald.posts.domain.ExpectedVersion;
import io.herald.posts.domain.PostChange;
import io.herald.posts.domain.PostImage;
import io.herald.posts.domain.PostType;
import io.herald.posts.domain.PostValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a create request the way Postiz does: first its check that every entry names an
 * integration, then field validation with class-validator's messages and dotted paths
 * ({@code posts.0.value.1.image must be an array}), all of them at once.
 *
 * <p>It also bounds what one request may write (Postiz bounds none of it): a list over its limit is
 * refused without reading its elements, and every string that is stored must fit its column and
 * be text PostgreSQL can hold. The README's "Limits" says where each number comes from.
 */
final class CreatePostParser {

    /** A thread item waits at most a year after its predecessor. */
    private static final int MAX_DELAY_MINUTES = 525_600;

    /** Ten years between occurrences of a repeating group. */
    static final int MAX_INTERVAL_DAYS = 3650;

    /** Integrations of one group. */
    static final int MAX_POSTS = 100;

    /** Items of one thread. */
    static final int MAX_VALUES = 100;

    /** Every root post gets every tag: posts times tags rows. */
    static final int MAX_TAGS = 50;

    /** Instagram's and Threads' carousels, the largest any platform takes. */
    static final int MAX_IMAGES = 20;

    static final int MAX_SETTINGS_BYTES = 64 * 1024;

    static final int MAX_TAG_LABEL = 100;

    static final int MAX_IMAGE_ID = 255;

    static final int MAX_URL = 2048;

    /** Bluesky's alt text; Mastodon takes 1,500 characters, X 1,000. */
    static final int MAX_ALT = 2000;

    private final List<String> errors = new ArrayList<>();

    private CreatePostParser() {}

    static CreatePost parse(JsonNode body, UUID organizationId) {
        return new CreatePostParser()
                .read(body == null || !body.isObject() ? JsonNodeFactory.instance.objectNode() : body, organizationId);
    }

    /**
     * Reads a {@code PATCH /posts/{id}} body: every field optional, each checked as a create checks
     * it (images must be http(s) URLs, as for a post that may be queued).
     */
    static PostChange parseChange(JsonNode body, ExpectedVersion expected) {
        return new CreatePostParser()
                .readChange(body == null || !body.isObject() ? JsonNodeFactory.instance.objectNode() : body, expected);
    }

    /** Reads a {@code PUT /posts/{id}/settings} body: {@code {"settings":{...}}}. */
    static ObjectNode parseSettings(JsonNode body) {
        var parser = new CreatePostParser();
        var settings = body == null ? JsonNodeFactory.instance.missingNode() : body.path("settings");
        if (!settings.isObject()) {
            parser.errors.add("settings must be an object");
        } else {
            parser.settings(settings, "settings");
        }
        if (!parser.errors.isEmpty()) {
            throw InvalidRequestException.fields(parser.errors);
        }
        return (ObjectNode) settings;
    }

    private PostChange readChange(JsonNode body, ExpectedVersion expected) {
        var date = present(body.path("date")) ? date(body.path("date")) : null;
        var content = body.path("content");
        if (present(content) && !content.isString()) {
            errors.add("content must be a string");
        }
        var images = present(body.path("image")) ? images(body.path("image"), "image", PostType.SCHEDULE) : null;
        var delay = body.path("delay");
        if (present(delay) && !(delay.isNumber() && delay.asDouble() >= 0)) {
            errors.add("delay must be a number not less than 0");
        } else if (delay.isNumber() && delay.asDouble() > MAX_DELAY_MINUTES) {
            errors.add("delay must not be greater than " + MAX_DELAY_MINUTES);
        }
        var settings = body.path("settings");
        if (present(settings) && !settings.isObject()) {
            errors.add("settings must be an object");
        } else if (settings.isObject()) {
            settings(settings, "settings");
        }
        if (!errors.isEmpty()) {
            throw InvalidRequestException.fields(errors);
        }
        return new PostChange(
                date,
                content.isString() ? content.asString() : null,
                images,
                delay.isNumber() ? delay.asDouble() : null,
                settings.isObject() ? (ObjectNode) settings : null,
                expected);
    }

    private static boolean present(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    private CreatePost read(JsonNode body, UUID organizationId) {
        var posts = body.path("posts");
        if (posts.isArray()) {
            for (var entry : posts) {
                var id = entry.path("integration").path("id");
                if (!id.isString() || id.asString().isEmpty()) {
                    throw InvalidRequestException.message("All posts must have an integration id");
                }
            }
        }
        var type = type(body.path("type"));
        if (!body.path("shortLink").isBoolean()) {
            errors.add("shortLink must be a boolean value");
        }
        var date = type == PostType.NOW ? null : date(body.path("date"));
        var tags = tags(body.path("tags"));
        var entries = entries(posts, type);
        if (!errors.isEmpty()) {
            throw InvalidRequestException.fields(errors);
        }
        var inter = inter(body.path("inter"));
        var group = group(posts);
        var method = body.path("creationMethod").asString("");
        return new CreatePost(
                organizationId,
                type,
                date,
                tags,
                entries,
                method.equals("CLI") ? "CLI" : "API",
                group,
                body.path("republish").isBoolean() && body.path("republish").asBoolean(),
                inter);
    }

    /** Postiz's {@code inter}: repeat every that many days; absent or null for a group that does not repeat. */
    private static Integer inter(JsonNode inter) {
        if (!present(inter)) {
            return null;
        }
        if (!inter.isIntegralNumber() || !inter.canConvertToInt()) {
            throw InvalidRequestException.fields(List.of("inter must be an integer number"));
        }
        if (inter.asInt() < 1) {
            throw InvalidRequestException.fields(List.of("inter must not be less than 1"));
        }
        if (inter.asInt() > MAX_INTERVAL_DAYS) {
            throw InvalidRequestException.fields(List.of("inter must not be greater than " + MAX_INTERVAL_DAYS));
        }
        return inter.asInt();
    }

    /** The group an edit names: every entry must name the same one; null when none names any (a create). */
    private static String group(JsonNode posts) {
        String named = null;
        var empty = false;
        for (var entry : posts) {
            var group = entry.path("group").asString("");
            if (group.isEmpty()) {
                empty = true;
                continue;
            }
            // by the id it names: a UUID in capitals is the same group
            var id = Ids.parse(group).map(UUID::toString).orElse(group);
            if (named != null && !named.equals(id)) {
                throw InvalidRequestException.message("All posts of an edit must name the same group");
            }
            named = id;
        }
        if (named != null && empty) {
            throw InvalidRequestException.message("All posts of an edit must name the same group");
        }
        return named;
    }

    private PostType type(JsonNode type) {
        if (type.isString()) {
            switch (type.asString()) {
                case "draft", "schedule", "now", "update" -> {
                    return PostType.valueOf(type.asString().toUpperCase(Locale.ROOT));
                }
                default -> {}
            }
        }
        errors.add("type must be one of the following values: draft, schedule, now");
        return null;
    }

    private Instant date(JsonNode date) {
        var parsed = date.isString() ? ApiTime.parse(date.asString(), false) : Optional.<Instant>empty();
        if (parsed.isEmpty()) {
            errors.add("date must be a valid ISO 8601 date string");
            return null;
        }
        return parsed.get();
    }

    private List<String> tags(JsonNode tags) {
        if (!tags.isArray()) {
            errors.add("tags must be an array");
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            errors.add(tooMany("tags", MAX_TAGS));
            return List.of();
        }
        var labels = new ArrayList<String>();
        for (int i = 0; i < tags.size(); i++) {
            var tag = tags.get(i);
            var path = "tags." + i;
            if (!tag.isObject()) {
                errors.add(path + " must be an object");
                continue;
            }
            if (!tag.path("value").isString()) {
                errors.add(path + ".value must be a string");
            }
            var label = tag.path("label");
            if (!label.isString()) {
                errors.add(path + ".label must be a string");
            } else if (label.asString().isBlank()) {
                errors.add(path + ".label should not be empty");
            } else if (storedText(path + ".label", label.asString(), MAX_TAG_LABEL)) {
                labels.add(label.asString().trim());
            }
        }
        return labels;
    }

    private List<CreatePost.Entry> entries(JsonNode posts, PostType type) {
        if (!posts.isArray()) {
            errors.add("posts must be an array");
            return List.of();
        }
        if (posts.isEmpty()) {
            errors.add("posts must contain at least 1 elements");
        }
        if (posts.size() > MAX_POSTS) {
            errors.add(tooMany("posts", MAX_POSTS));
            return List.of();
        }
        var entries = new ArrayList<CreatePost.Entry>();
        var integrations = new HashSet<String>();
        for (int i = 0; i < posts.size(); i++) {
            var entry = posts.get(i);
            var path = "posts." + i;
            var integration = entry.path("integration").path("id").asString();
            // by the id it names: a UUID in capitals is the same integration
            if (!integrations.add(Ids.parse(integration).map(UUID::toString).orElse(integration))) {
                errors.add(path + ".integration.id must not repeat an integration of this request");
            }
            var values = values(entry.path("value"), path + ".value", type);
            var settings = entry.path("settings");
            if (!settings.isMissingNode() && !settings.isNull() && !settings.isObject()) {
                errors.add(path + ".settings must be an object");
            } else if (settings.isObject()) {
                settings(settings, path + ".settings");
            }
            var group = entry.path("group");
            if (!group.isMissingNode() && !group.isNull() && !group.isString()) {
                errors.add(path + ".group must be a string");
            }
            entries.add(new CreatePost.Entry(
                    integration,
                    values,
                    settings.isObject() ? (ObjectNode) settings : JsonNodeFactory.instance.objectNode()));
        }
        return entries;
    }

    private List<PostValue> values(JsonNode values, String path, PostType type) {
        if (!values.isArray()) {
            errors.add(path + " must be an array");
            return List.of();
        }
        if (values.isEmpty()) {
            errors.add(path + " must contain at least 1 elements");
        }
        if (values.size() > MAX_VALUES) {
            errors.add(tooMany(path, MAX_VALUES));
            return List.of();
        }
        var result = new ArrayList<PostValue>();
        for (int i = 0; i < values.size(); i++) {
            var value = values.get(i);
            var at = path + "." + i;
            if (!value.isObject()) {
                errors.add(at + " must be an object");
                continue;
            }
            var content = value.path("content");
            if (!content.isMissingNode() && !content.isNull() && !content.isString()) {
                errors.add(at + ".content must be a string");
            }
            var images = images(value.path("image"), at + ".image", type);
            var delay = value.path("delay");
            // The CLI sends -d abc as null (JSON for NaN): no delay.
            if (!delay.isMissingNode() && !delay.isNull() && !(delay.isNumber() && delay.asDouble() >= 0)) {
                errors.add(at + ".delay must be a number not less than 0");
            } else if (delay.isNumber() && delay.asDouble() > MAX_DELAY_MINUTES) {
                errors.add(at + ".delay must not be greater than " + MAX_DELAY_MINUTES);
            }
            var id = value.path("id");
            var item = PostValue.of(
                    content.isString() ? content.asString() : "",
                    images,
                    delay.isNumber() ? delay.asDouble() : 0,
                    id.isString() && !id.asString().isEmpty() ? id.asString() : null);
            if (item.isEmpty()) {
                errors.add(at + " must have text content or at least one image");
            }
            result.add(item);
        }
        return result;
    }

    private List<PostImage> images(JsonNode images, String path, PostType type) {
        if (images.isMissingNode() || images.isNull()) {
            return List.of();
        }
        if (!images.isArray()) {
            errors.add(path + " must be an array");
            return List.of();
        }
        if (images.size() > MAX_IMAGES) {
            errors.add(tooMany(path, MAX_IMAGES));
            return List.of();
        }
        var result = new ArrayList<PostImage>();
        for (int i = 0; i < images.size(); i++) {
            var image = images.get(i);
            var at = path + "." + i;
            if (!image.isObject()) {
                errors.add(at + " must be an object");
                continue;
            }
            var pathNode = image.path("path");
            if (!pathNode.isString() || pathNode.asString().isBlank()) {
                errors.add(at + ".path must be a non-empty string");
                continue;
            }
            if (!storedText(at + ".path", pathNode.asString(), MAX_URL)) {
                continue;
            }
            if (type != PostType.DRAFT && !isHttpUrl(pathNode.asString())) {
                errors.add(at + ".path must be an http or https URL");
            }
            result.add(new PostImage(
                    optionalText(image.path("id"), at + ".id", MAX_IMAGE_ID),
                    pathNode.asString().trim(),
                    optionalText(image.path("alt"), at + ".alt", MAX_ALT),
                    optionalText(image.path("thumbnail"), at + ".thumbnail", MAX_URL)));
        }
        return result;
    }

    private String optionalText(JsonNode node, String path, int maxLength) {
        if (!node.isString() && !node.isNumber()) {
            return null;
        }
        return storedText(path, node.asString(), maxLength) ? node.asString() : null;
    }

    /** Whether a string that will be stored is storable and not over {@code maxLength}; else says why. */
    private boolean storedText(String path, String text, int maxLength) {
        if (!StorableText.isStorable(text)) {
            errors.add(path + " " + StorableText.REFUSAL);
            return false;
        }
        if (text.length() > maxLength) {
            errors.add(path + " must be shorter than or equal to " + maxLength + " characters");
            return false;
        }
        return true;
    }

    /** Settings are stored as jsonb, whole: every string in them must be storable, and all of it small. */
    private void settings(JsonNode settings, String path) {
        if (!StorableText.isStorable(settings)) {
            errors.add(path + " " + StorableText.REFUSAL);
        } else if (settings.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SETTINGS_BYTES) {
            errors.add(path + " must be no larger than " + MAX_SETTINGS_BYTES + " bytes as JSON");
        }
    }

    /** class-validator's ArrayMaxSize message. */
    private static String tooMany(String path, int max) {
        return path + " must contain no more than " + max + " elements";
    }

    private static boolean isHttpUrl(String value) {
        try {
            var uri = new URI(value.trim());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
