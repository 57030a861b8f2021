package io.herald.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One recorded change, as the feed, the history and webhooks show it. */
record Event(
        UUID id,
        UUID organizationId,
        EventType type,
        UUID groupId,
        List<UUID> posts,
        Actor actor,
        String requestId,
        Map<String, ?> data,
        Instant occurredAt) {}
