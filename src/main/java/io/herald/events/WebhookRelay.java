package io.herald.events;

import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.WebhookSignature;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends organization webhooks' deliveries, on every node: claims due ones (a lease each, rows other
 * relays are claiming skipped), POSTs each signed like §5.1 outside any transaction, and records
 * the attempt. A failed attempt waits its backoff; a delivery failing past the give-up time
 * disables its webhook, saying so in a {@code webhook.disabled} event. A relay that dies holding a
 * delivery lets it go when its lease passes, and another node sends it again with the same
 * {@code X-Herald-Delivery}: at least once.
 */
@Component
class WebhookRelay {

    private static final Logger log = LoggerFactory.getLogger(WebhookRelay.class);

    private final WebhookStore store;

    private final Events events;

    private final PlatformHttp http;

    private final TransactionTemplate transaction;

    private final EventsProperties.Webhooks properties;

    private final EventMetrics metrics;

    private final Clock clock;

    private final Semaphore room;

    private ExecutorService senders;

    WebhookRelay(
            WebhookStore store,
            Events events,
            PlatformHttp http,
            TransactionTemplate transaction,
            EventsProperties properties,
            EventMetrics metrics,
            Clock clock) {
        this.store = store;
        this.events = events;
        this.http = http;
        this.transaction = transaction;
        this.properties = properties.webhooks();
        this.metrics = metrics;
        this.clock = clock;
        this.room = new Semaphore(this.properties.threads());
    }

    void start() {
        senders = Executors.newFixedThreadPool(properties.threads(), runnable -> {
            var thread = new Thread(runnable, "herald-webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    void stop() {
        if (senders != null) {
            senders.shutdownNow();
        }
    }

    /** Claims as many due deliveries as there are free senders, and hands each to one. */
    void relay() {
        var free = room.availablePermits();
        if (free == 0 || senders == null) {
            return;
        }
        List<WebhookStore.Claimed> claimed =
                transaction.execute(status -> store.claim(free, properties.effectiveLease()));
        for (var delivery : claimed == null ? List.<WebhookStore.Claimed>of() : claimed) {
            room.acquireUninterruptibly();
            try {
                senders.execute(() -> {
                    try {
                        send(delivery);
                    } finally {
                        room.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                room.release(); // stopping: the lease lets another node send it
            }
        }
    }

    private void send(WebhookStore.Claimed delivery) {
        var timestamp = Long.toString(clock.instant().getEpochSecond());
        var headers = new LinkedHashMap<String, String>();
        headers.put("X-Herald-Event", delivery.type());
        headers.put("X-Herald-Delivery", delivery.eventId().toString());
        headers.put("X-Herald-Timestamp", timestamp);
        headers.put("X-Herald-Signature", WebhookSignature.header(delivery.secret(), timestamp, delivery.body()));
        Integer status = null;
        String error = null;
        try {
            status = http.postToUserUrl(
                    URI.create(delivery.url()),
                    properties.allowPrivateHosts(),
                    headers,
                    delivery.body(),
                    properties.timeout());
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        } catch (PlatformException | IllegalArgumentException e) {
            error = e.getMessage();
        }
        try {
            record(delivery, status, error);
        } catch (RuntimeException e) {
            log.warn(
                    "Attempt {} of delivery {} to webhook {} was not recorded ({}); it is sent again after its lease",
                    delivery.attempts(),
                    delivery.eventId(),
                    delivery.webhookId(),
                    e.toString());
        }
    }

    private void record(WebhookStore.Claimed delivery, Integer status, String error) {
        transaction.executeWithoutResult(tx -> {
            if (error == null) {
                store.attempt(delivery, "delivered", status, null);
                metrics.attempted(EventMetrics.Outcome.DELIVERED);
                store.delivered(delivery).ifPresent(metrics::delivered);
                return;
            }
            store.attempt(delivery, "failed", status, error);
            var backoff = properties.backoffAfter(delivery.attempts());
            if (!store.failed(delivery, backoff, properties.giveUpAfter())) {
                metrics.attempted(EventMetrics.Outcome.RETRIED);
                log.info(
                        "Delivery {} to webhook {} failed (attempt {}: {}); next attempt in {}",
                        delivery.eventId(),
                        delivery.webhookId(),
                        delivery.attempts(),
                        error,
                        backoff);
                return;
            }
            metrics.attempted(EventMetrics.Outcome.FAILED);
            var reason = "Deliveries failed for " + properties.giveUpAfter() + " (last: " + error + ")";
            store.disable(delivery.webhookId(), reason).ifPresent(url -> {
                log.warn("Webhook {} ({}) is disabled: {}", delivery.webhookId(), url, reason);
                events.record(
                        EventType.WEBHOOK_DISABLED,
                        delivery.organizationId(),
                        null,
                        List.of(),
                        Map.of("webhook", delivery.webhookId(), "url", url, "reason", reason));
            });
        });
    }
}
