package io.herald.posts.api;

import io.herald.kernel.ApiTime;
import io.herald.kernel.Ids;
import io.herald.posts.domain.ListFilter;
import io.herald.posts.domain.ListedPost;
import io.herald.posts.publishing.PostState;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The list's own filters (spec §9.6): {@code state} (Postiz states or status words, comma-separated),
 * {@code integration}, {@code limit} (1-1000) and {@code cursor}. A cursor is the last post of the
 * page it ends, opaque to clients: keyed by list order, it stays valid while posts come and go.
 */
final class ListParameters {

    static final int MAX_LIMIT = 1000;

    /** Every word a client may filter by: {@code QUEUE} is Postiz's state, so it covers posts being sent. */
    private static final Map<String, Set<PostState>> STATES = Map.of(
            "draft", EnumSet.of(PostState.DRAFT),
            "queue", EnumSet.of(PostState.QUEUE, PostState.PUBLISHING),
            "scheduled", EnumSet.of(PostState.QUEUE),
            "publishing", EnumSet.of(PostState.PUBLISHING),
            "published", EnumSet.of(PostState.PUBLISHED),
            "error", EnumSet.of(PostState.ERROR),
            "failed", EnumSet.of(PostState.ERROR));

    private ListParameters() {}

    /** The filter, or the validation messages (added to {@code errors}) of what is not one. */
    static ListFilter filter(String state, String integration, String limit, String cursor, List<String> errors) {
        var states = EnumSet.noneOf(PostState.class);
        if (state != null && !state.isBlank()) {
            for (var word : state.split(",")) {
                var matched = STATES.get(word.trim().toLowerCase(Locale.ROOT));
                if (matched == null) {
                    errors.add("state must be a comma-separated list of: DRAFT, QUEUE, PUBLISHED, ERROR, draft,"
                            + " scheduled, publishing, published, failed");
                    break;
                }
                states.addAll(matched);
            }
        }
        Integer pageSize = null;
        if (limit != null) {
            try {
                pageSize = Integer.parseInt(limit.trim());
                if (pageSize < 1) {
                    errors.add("limit must not be less than 1");
                } else if (pageSize > MAX_LIMIT) {
                    errors.add("limit must not be greater than " + MAX_LIMIT);
                }
            } catch (NumberFormatException e) {
                errors.add("limit must be an integer number");
            }
        }
        ListFilter.After after = null;
        if (cursor != null && !cursor.isEmpty()) {
            after = decode(cursor);
            if (after == null) {
                errors.add("cursor must be a cursor this list answered");
            }
        }
        return new ListFilter(states, integration, pageSize, after);
    }

    static String cursor(ListedPost last) {
        var key = last.publishDate() + "/" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static ListFilter.After decode(String cursor) {
        try {
            var key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var slash = key.indexOf('/');
            if (slash < 0) {
                return null;
            }
            var id = Ids.parse(key.substring(slash + 1));
            var date = ApiTime.parse(key.substring(0, slash), false);
            return id.isEmpty() || date.isEmpty() ? null : new ListFilter.After(date.get(), id.get());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
