package io.herald.events;

import io.herald.kernel.Ids;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox of every change (spec §11): {@link #record} writes the event in the
 * caller's transaction, so the event exists if and only if the change committed. The actor and the
 * request id come from the request this thread serves ({@link EventOrigin}), Herald itself when none.
 * Its deliveries to the organization's webhooks and its notification are written with it, in the
 * same statement ({@link EventStore#insert}).
 */
@Service
public class Events {

    private final EventStore store;

    private final EventOrigin origin;

    private final EventMetrics metrics;

    private final JsonMapper json;

    private final Clock clock;

    Events(EventStore store, EventOrigin origin, EventMetrics metrics, JsonMapper json, Clock clock) {
        this.store = store;
        this.origin = origin;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records that {@code type} happened to {@code posts} of {@code group} (null for an event of no
     * group), with {@code data} saying what changed; in the caller's transaction, which must exist.
     * Answers the event's id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID record(EventType type, UUID organization, UUID group, Collection<UUID> posts, Map<String, ?> data) {
        var now = origin.current();
        var event = new Event(
                Ids.next(),
                organization,
                type,
                group,
                List.copyOf(posts),
                now.actor(),
                now.requestId(),
                data,
                clock.instant());
        store.insert(event, json.writeValueAsString(EventView.of(event)), Notifications.of(event));
        metrics.recorded(type);
        return event.id();
    }
}
