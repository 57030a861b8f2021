package io.herald.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One post on its way to a platform. A thread item carries the releases of its thread's root and
 * of its predecessor, so that platforms with replies can attach it to them.
 *
 * @param deliveryId stays the same on every attempt to send this post: idempotency key and webhook delivery id
 */
public record Publication(
        UUID postId,
        UUID groupId,
        UUID organizationId,
        String deliveryId,
        String content,
        String text,
        List<Image> images,
        JsonNode settings,
        Instant publishDate,
        UUID parentPostId,
        int threadIndex,
        Release root,
        Release parent) {

    public boolean isReply() {
        return parent != null;
    }

    /** An image as the client gave it; {@code path} is where to fetch it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(String id, String path, String alt, String thumbnail) {}
}
