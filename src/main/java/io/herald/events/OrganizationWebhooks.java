package io.herald.events;

import io.herald.kernel.ApiTime;
import io.herald.kernel.Ids;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** An organization's webhooks: subscribing, listing, unsubscribing, and what was delivered. */
@Service
class OrganizationWebhooks {

    private static final int DELIVERIES_SHOWN = 100;

    private final WebhookStore store;

    private final Clock clock;

    OrganizationWebhooks(WebhookStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Subscribes {@code {"url","secret","events":[types]}}; {@link InvalidEventRequestException} lists what is wrong. */
    @Transactional
    WebhookView create(UUID organization, JsonNode body) {
        var errors = new ArrayList<String>();
        var url = body.path("url");
        if (!url.isString() || !isHttpUrl(url.asString())) {
            errors.add("url must be a URL address");
        }
        var secret = body.path("secret");
        if (!secret.isString() || secret.asString().isBlank()) {
            errors.add("secret should not be empty");
        } else if (secret.asString().length() > 500) {
            errors.add("secret must be shorter than or equal to 500 characters");
        }
        var types = new ArrayList<EventType>();
        var events = body.path("events");
        if (!events.isArray() || events.isEmpty()) {
            errors.add("events should not be empty");
        } else {
            for (var type : events) {
                var known = type.isString() ? EventType.ofWire(type.asString()) : Optional.<EventType>empty();
                if (known.isEmpty()) {
                    errors.add("each value in events must be one of the following values: "
                            + Arrays.stream(EventType.values())
                                    .map(EventType::wire)
                                    .collect(Collectors.joining(", ")));
                    break;
                }
                if (!types.contains(known.get())) {
                    types.add(known.get());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidEventRequestException(errors);
        }
        var id = Ids.next();
        store.create(id, organization, url.asString(), secret.asString(), types, clock.instant());
        return WebhookView.of(store.find(id).orElseThrow());
    }

    @Transactional(readOnly = true)
    List<WebhookView> list(UUID organization) {
        return store.list(organization).stream().map(WebhookView::of).toList();
    }

    @Transactional
    WebhookDeleted delete(UUID organization, String id) {
        var webhook = owned(organization, id);
        store.delete(webhook.id());
        return new WebhookDeleted(webhook.id().toString(), true);
    }

    /** The webhook's latest deliveries, newest first, each with every attempt at it. */
    @Transactional(readOnly = true)
    WebhookDeliveries deliveries(UUID organization, String id) {
        var webhook = owned(organization, id);
        return new WebhookDeliveries(store.deliveries(webhook.id(), DELIVERIES_SHOWN).stream()
                .map(delivery -> new DeliveryView(
                        delivery.eventId().toString(),
                        delivery.type(),
                        delivery.state().toLowerCase(),
                        delivery.state().equals("PENDING") ? ApiTime.format(delivery.nextAttemptAt()) : null,
                        delivery.attempts().stream()
                                .map(attempt -> new AttemptView(
                                        ApiTime.format(attempt.at()),
                                        attempt.outcome(),
                                        attempt.status(),
                                        attempt.error()))
                                .toList()))
                .toList());
    }

    private WebhookStore.Webhook owned(UUID organization, String id) {
        var webhook = Ids.parse(id).flatMap(store::find).orElseThrow(() -> WebhookNotFoundException.missing(id));
        if (!webhook.organizationId().equals(organization)) {
            throw WebhookNotFoundException.denied(id);
        }
        return webhook;
    }

    private static boolean isHttpUrl(String text) {
        if (text.length() > 2000) {
            return false;
        }
        try {
            var uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    record WebhookDeleted(String id, boolean deleted) {}

    record WebhookDeliveries(List<DeliveryView> deliveries) {}

    /** A delivery: its id is the event's (X-Herald-Delivery); {@code nextAttemptAt} while pending. */
    record DeliveryView(String id, String type, String state, String nextAttemptAt, List<AttemptView> attempts) {}

    /** One attempt: {@code status} delivered or failed, {@code code} the answer's HTTP status (none: no answer). */
    record AttemptView(String attemptedAt, String status, Integer code, String error) {}

    /** A webhook as the API shows it; its secret never. */
    record WebhookView(
            String id, String url, List<String> events, boolean disabled, String disabledReason, String createdAt) {

        static WebhookView of(WebhookStore.Webhook webhook) {
            return new WebhookView(
                    webhook.id().toString(),
                    webhook.url(),
                    webhook.types(),
                    webhook.disabledAt() != null,
                    webhook.disabledReason(),
                    ApiTime.format(webhook.createdAt()));
        }
    }
}
