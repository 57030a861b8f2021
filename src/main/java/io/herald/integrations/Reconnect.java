package io.herald.integrations;

import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The one place where a channel comes to need reconnecting, and the words its due posts fail with
 * then. {@link IntegrationNeedsReconnecting} goes out from here, in the recording transaction, for
 * whatever notifies people of it.
 */
final class Reconnect {

    private Reconnect() {}

    static void needed(Integration integration, String reason, Instant now, ApplicationEventPublisher events) {
        integration.needsReconnecting(reason, now);
        events.publishEvent(new IntegrationNeedsReconnecting(
                integration.organizationId(), integration.id(), integration.identifier(), reason));
    }

    /** Why a post for this channel fails: it is never retried by itself, and it says what to do. */
    static String message(Integration integration) {
        var reason = integration.reconnectReason().strip().replaceAll("\\.+$", "");
        return "The channel " + integration.name() + " (" + integration.identifier() + ") must be reconnected: "
                + reason + ". Connect its account again (GET /public/v1/social/"
                + integration.identifier() + "), then schedule the post again; it was not sent.";
    }
}
