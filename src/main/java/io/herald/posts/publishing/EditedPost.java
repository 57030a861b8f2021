package io.herald.posts.publishing;

import java.time.Instant;
import java.util.UUID;

/**
 * A post of a locked group as an edit leaves it: its content (JSON columns as JSON text) and its
 * place in its thread ({@code parentId} and {@code rootId} null for a root), and its group's
 * interval in days (null: the group does not repeat).
 */
public record EditedPost(
        UUID id,
        String content,
        String imageJson,
        String settingsJson,
        double delayMinutes,
        Instant publishDate,
        UUID parentId,
        UUID rootId,
        int threadIndex,
        Integer intervalDays) {}
