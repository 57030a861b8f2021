package io.herald.posts.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated create request: one entry per integration, each a thread of values. {@code date} is
 * null for {@link PostType#NOW}. {@code group} is the group an edit names (as the client wrote
 * it), null for a create; {@code republish} lets an edit queue again the content of a published post.
 * {@code inter} repeats the group every that many days (null: it does not repeat).
 */
public record CreatePost(
        UUID organizationId,
        PostType type,
        Instant date,
        List<String> tagLabels,
        List<Entry> entries,
        String creationMethod,
        String group,
        boolean republish,
        Integer inter) {

    /** A create (no group). */
    public CreatePost(
            UUID organizationId,
            PostType type,
            Instant date,
            List<String> tagLabels,
            List<Entry> entries,
            String creationMethod) {
        this(organizationId, type, date, tagLabels, entries, creationMethod, null, false, null);
    }

    public boolean isEdit() {
        return group != null;
    }

    /** {@code integrationId} is the id as the client wrote it: an unknown one is quoted back. */
    public record Entry(String integrationId, List<PostValue> values, ObjectNode settings) {}
}
