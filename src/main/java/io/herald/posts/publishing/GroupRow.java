package io.herald.posts.publishing;

import java.time.Instant;
import java.util.UUID;

/** A row of a group, live or deleted, locked for a restore: what deciding the restore needs to know. */
public record GroupRow(
        UUID id, PostState state, int threadIndex, Instant publishDate, Instant deletedAt, boolean contentRemoved) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
