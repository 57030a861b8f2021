package io.herald.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.kernel.ApiTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event as the feed, the history and webhooks show it (spec §11): {@code requestId} and the
 * actor's {@code id} and {@code name} only when there are some.
 */
record EventView(
        String id,
        String type,
        String occurredAt,
        String group,
        List<String> posts,
        ActorView actor,
        @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
        Map<String, ?> data) {

    static EventView of(Event event) {
        return new EventView(
                event.id().toString(),
                event.type().wire(),
                ApiTime.format(event.occurredAt()),
                event.groupId() == null ? null : event.groupId().toString(),
                event.posts().stream().map(UUID::toString).toList(),
                new ActorView(
                        event.actor().kind().wire(),
                        event.actor().id(),
                        event.actor().name()),
                event.requestId(),
                event.data());
    }

    record ActorView(
            String type,
            @JsonInclude(JsonInclude.Include.NON_NULL) String id,
            @JsonInclude(JsonInclude.Include.NON_NULL) String name) {}
}
