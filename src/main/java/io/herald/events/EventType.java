package io.herald.events;

import java.util.Optional;

/** What an event says happened (spec §11); {@link #wire()} is how the API and webhooks spell it. */
public enum EventType {
    POST_CREATED("post.created"),
    POST_UPDATED("post.updated"),
    POST_DELETED("post.deleted"),
    POST_RESTORED("post.restored"),
    POST_PUBLISHED("post.published"),
    POST_FAILED("post.failed"),
    POST_STATUS_CHANGED("post.status_changed"),
    /** An organization webhook that kept failing was turned off; its group is none. */
    WEBHOOK_DISABLED("webhook.disabled");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The type spelled {@code wire}, if there is one. */
    public static Optional<EventType> ofWire(String wire) {
        for (var type : values()) {
            if (type.wire.equals(wire)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
