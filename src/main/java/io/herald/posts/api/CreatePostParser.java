package io.herald.posts.api;

import io.herald.kernel.ApiTime;
import io.herald.posts.domain.CreatePost;
import io.herald.posts.domain.PostImage;
import io.herald.posts.domain.PostType;
import io.herald.posts.domain.PostValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
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
 */
final class CreatePostParser {

    /** A thread item waits at most a year after its predecessor. */
    private static final int MAX_DELAY_MINUTES = 525_600;

    private final List<String> errors = new ArrayList<>();

    private CreatePostParser() {}

    static CreatePost parse(JsonNode body, UUID organizationId) {
        return new CreatePostParser()
                .read(body == null || !body.isObject() ? JsonNodeFactory.instance.objectNode() : body, organizationId);
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
        for (var entry : posts) {
            var group = entry.path("group");
            if (group.isString() && !group.asString().isEmpty()) {
                throw InvalidRequestException.message("Editing a group is not supported");
            }
        }
        var method = body.path("creationMethod").asString("");
        return new CreatePost(organizationId, type, date, tags, entries, method.equals("CLI") ? "CLI" : "API");
    }

    private PostType type(JsonNode type) {
        if (type.isString()) {
            switch (type.asString()) {
                case "draft", "schedule", "now" -> {
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
            } else {
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
        var entries = new ArrayList<CreatePost.Entry>();
        for (int i = 0; i < posts.size(); i++) {
            var entry = posts.get(i);
            var path = "posts." + i;
            var values = values(entry.path("value"), path + ".value", type);
            var settings = entry.path("settings");
            if (!settings.isMissingNode() && !settings.isNull() && !settings.isObject()) {
                errors.add(path + ".settings must be an object");
            }
            var group = entry.path("group");
            if (!group.isMissingNode() && !group.isNull() && !group.isString()) {
                errors.add(path + ".group must be a string");
            }
            entries.add(new CreatePost.Entry(
                    entry.path("integration").path("id").asString(),
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
            var item = PostValue.of(
                    content.isString() ? content.asString() : "", images, delay.isNumber() ? delay.asDouble() : 0);
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
            if (type != PostType.DRAFT && !isHttpUrl(pathNode.asString())) {
                errors.add(at + ".path must be an http or https URL");
            }
            result.add(new PostImage(
                    optionalText(image.path("id")),
                    pathNode.asString().trim(),
                    optionalText(image.path("alt")),
                    optionalText(image.path("thumbnail"))));
        }
        return result;
    }

    private static String optionalText(JsonNode node) {
        return node.isString() || node.isNumber() ? node.asString() : null;
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
