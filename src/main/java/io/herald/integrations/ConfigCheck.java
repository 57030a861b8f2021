package io.herald.integrations;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Checks a provider's {@code config} object field by field, and refuses fields it does not know. */
public final class ConfigCheck {

    private final JsonNode config;

    private final Set<String> known = new LinkedHashSet<>();

    private final List<String> errors = new ArrayList<>();

    private ConfigCheck(JsonNode config) {
        this.config = config;
    }

    public static ConfigCheck of(JsonNode config) {
        return new ConfigCheck(config);
    }

    /** A non-blank string. */
    public ConfigCheck text(String field) {
        known.add(field);
        if (isObject()
                && !(config.path(field).isString()
                        && !config.path(field).asString().isBlank())) {
            errors.add("config." + field + " must be a non-empty string");
        }
        return this;
    }

    /** A non-blank string when present. */
    public ConfigCheck optionalText(String field) {
        known.add(field);
        if (isObject()
                && !config.path(field).isMissingNode()
                && !(config.path(field).isString()
                        && !config.path(field).asString().isBlank())) {
            errors.add("config." + field + " must be a non-empty string when given");
        }
        return this;
    }

    /** An absolute http(s) URL; when {@code required} is false the field may be absent. */
    public ConfigCheck url(String field, boolean required) {
        known.add(field);
        if (!isObject() || (!required && config.path(field).isMissingNode())) {
            return this;
        }
        if (!config.path(field).isString() || !isHttpUrl(config.path(field).asString())) {
            errors.add("config." + field + " must be an absolute http or https URL");
        }
        return this;
    }

    public List<String> errors() {
        if (!isObject()) {
            return List.of("config must be an object with " + String.join(", ", known));
        }
        var all = new ArrayList<>(errors);
        for (var name : config.propertyNames()) {
            if (!known.contains(name)) {
                all.add("config." + name + " is not a setting of this provider (expected " + String.join(", ", known)
                        + ")");
            }
        }
        return all;
    }

    private boolean isObject() {
        return config != null && config.isObject();
    }

    private static boolean isHttpUrl(String value) {
        try {
            var uri = new URI(value);
            return uri.isAbsolute()
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
