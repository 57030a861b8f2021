package io.herald.events;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What every node does for events in the background: numbering committed events for the feed
 * (readers number them too), relaying webhook deliveries, and pruning events past the retention.
 * Every node may run all three at once: numbering runs one at a time by its lock, the relays skip
 * each other's claims, and pruning deletes only numbered rows.
 */
@Component
class EventSweeps implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventSweeps.class);

    private final EventSequencer sequencer;

    private final EventQueries queries;

    private final WebhookRelay relay;

    private final EventsProperties properties;

    private ScheduledExecutorService sweeps;

    EventSweeps(EventSequencer sequencer, EventQueries queries, WebhookRelay relay, EventsProperties properties) {
        this.sequencer = sequencer;
        this.queries = queries;
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void start() {
        sweeps = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "herald-event-sweeps");
            thread.setDaemon(true);
            return thread;
        });
        var sequence = properties.sequenceInterval().toMillis();
        sweeps.scheduleWithFixedDelay(
                () -> run("numbering", sequencer::number), sequence, sequence, TimeUnit.MILLISECONDS);
        relay.start();
        var relayEvery = properties.webhooks().relayInterval().toMillis();
        sweeps.scheduleWithFixedDelay(
                () -> run("relaying", relay::relay), relayEvery, relayEvery, TimeUnit.MILLISECONDS);
        var prune = properties.pruneInterval().toMillis();
        sweeps.scheduleWithFixedDelay(
                () -> run("pruning", () -> {
                    var pruned = queries.prune();
                    if (pruned > 0) {
                        log.info("Pruned {} events older than {}", pruned, properties.retention());
                    }
                }),
                prune,
                prune,
                TimeUnit.MILLISECONDS);
    }

    /** A failure (the database away, say) is logged and the sweep runs again next time. */
    private static void run(String what, Runnable sweep) {
        try {
            sweep.run();
        } catch (RuntimeException e) {
            log.warn("Event {} failed: {}", what, e.toString());
        }
    }

    @Override
    public void stop() {
        if (sweeps != null) {
            sweeps.shutdownNow();
            relay.stop();
            sweeps = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sweeps != null;
    }
}
