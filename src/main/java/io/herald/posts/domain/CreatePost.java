package io.herald.posts.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated create request: one entry per integration, each a thread of values. {@code date} is
 * null for {@link PostType#NOW}.
 */
public record CreatePost(
        UUID organizationId,
        PostType type,
        Instant date,
        List<String> tagLabels,
        List<Entry> entries,
        String creationMethod) {

    /** {@code integrationId} is the id as the client wrote it: an unknown one is quoted back. */
    public record Entry(String integrationId, List<PostValue> values, ObjectNode settings) {}
}
