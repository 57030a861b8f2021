package io.herald.posts.api;

import io.herald.kernel.ApiTime;
import io.herald.posts.domain.BulkDeletion;
import io.herald.posts.publishing.PostState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a bulk delete (spec §10.2): {@code ids} and/or {@code groups} (together at most
 * {@value #MAX_ENTRIES}), or a {@code filter}, and {@code dryRun}. Field errors come all at once,
 * in class-validator's words, as the create's do.
 */
final class BulkDeleteParser {

    static final int MAX_ENTRIES = 1000;

    private BulkDeleteParser() {}

    /** What the request asks: its entries (ids first, then groups, each in its order), or its filter. */
    record Request(List<BulkDeletion.Entry> entries, Optional<BulkDeletion.Filter> filter, boolean dryRun) {}

    static Request parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.fields(List.of("the body must be a JSON object"));
        }
        var errors = new ArrayList<String>();
        var ids = body.get("ids");
        var groups = body.get("groups");
        var filter = body.get("filter");
        var dryRun = body.get("dryRun");
        if (dryRun != null && !dryRun.isBoolean()) {
            errors.add("dryRun must be a boolean value");
        }
        if (filter != null) {
            if (ids != null || groups != null) {
                throw InvalidRequestException.message("Pass ids and groups, or a filter, not both");
            }
            var parsed = filter(filter, errors);
            if (!errors.isEmpty()) {
                throw InvalidRequestException.fields(errors);
            }
            return new Request(List.of(), Optional.of(parsed), dryRun != null && dryRun.booleanValue());
        }
        if (ids == null && groups == null) {
            throw InvalidRequestException.message("Pass ids, groups or a filter");
        }
        var count = size(ids) + size(groups);
        if (count > MAX_ENTRIES) {
            throw InvalidRequestException.message(
                    "At most " + MAX_ENTRIES + " ids and groups per request, this one has " + count);
        }
        var entries = new ArrayList<BulkDeletion.Entry>(count);
        entries(ids, "ids", false, entries, errors);
        entries(groups, "groups", true, entries, errors);
        if (!errors.isEmpty()) {
            throw InvalidRequestException.fields(errors);
        }
        return new Request(entries, Optional.empty(), dryRun != null && dryRun.booleanValue());
    }

    private static int size(JsonNode list) {
        return list != null && list.isArray() ? list.size() : 0;
    }

    private static void entries(
            JsonNode list, String name, boolean group, List<BulkDeletion.Entry> entries, List<String> errors) {
        if (list == null) {
            return;
        }
        if (!list.isArray()) {
            errors.add(name + " must be an array");
            return;
        }
        for (var item : list) {
            if (!item.isString()) {
                errors.add("each value in " + name + " must be a string");
                return;
            }
            entries.add(new BulkDeletion.Entry(item.asString(), group));
        }
    }

    private static BulkDeletion.Filter filter(JsonNode filter, List<String> errors) {
        if (!filter.isObject()) {
            errors.add("filter must be an object");
            return null;
        }
        var start = ApiTime.parse(text(filter, "startDate"), true);
        var end = ApiTime.parse(text(filter, "endDate"), true);
        if (start.isEmpty()) {
            errors.add("filter.startDate must be a valid ISO 8601 date string");
        }
        if (end.isEmpty()) {
            errors.add("filter.endDate must be a valid ISO 8601 date string");
        }
        var integration = optionalText(filter, "integration", errors);
        var customer = optionalText(filter, "customer", errors);
        var states = states(optionalText(filter, "state", errors), errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return new BulkDeletion.Filter(start.get(), end.get(), integration, customer, states);
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static Optional<String> optionalText(JsonNode node, String field, List<String> errors) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            errors.add("filter." + field + " must be a string");
            return Optional.empty();
        }
        return Optional.of(value.asString());
    }

    /**
     * Comma-separated Postiz states or status words: {@code QUEUE} is every post waiting or being
     * sent (both show as Postiz's QUEUE), {@code scheduled} only the waiting ones.
     */
    private static Set<PostState> states(Optional<String> list, List<String> errors) {
        var states = EnumSet.noneOf(PostState.class);
        if (list.isEmpty()) {
            return states;
        }
        for (var word : list.get().split(",")) {
            var value = word.trim();
            var matched = false;
            for (var state : PostState.values()) {
                if (state.state().equals(value.toUpperCase(Locale.ROOT))
                        || state.status().equals(value)) {
                    states.add(state);
                    matched = true;
                }
            }
            if (!matched) {
                errors.add("filter.state must be a comma-separated list of DRAFT, QUEUE, PUBLISHED, ERROR,"
                        + " draft, scheduled, publishing, published, failed");
                return states;
            }
        }
        return states;
    }
}
