package io.herald.posts.scheduling;

import io.herald.posts.domain.PostsDue;
import io.herald.posts.domain.PublicationService;
import io.herald.posts.domain.PublishingProperties;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * This node's publisher: claims due posts, as many as it has free sending slots (a post is never
 * held without being sent at once), and sends them on its own threads. It wakes when one of the
 * group alarms Quartz fires on this node rings, when this node commits posts that are due now, and
 * when a sending slot frees; then it takes everything that is due. Between wakes it polls, and a
 * poll takes only what is overdue by a poll interval: the node that made or was woken for a post
 * takes it first, and the others are the safety net (a node dying in the middle of an alarm, an
 * alarm lost). On shutdown it stops claiming and lets the posts in flight finish, for a while.
 */
@Component
class PublicationDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublicationDispatcher.class);

    private final PublicationService publications;

    private final PublishingProperties properties;

    private final Semaphore slots;

    private final Object signal = new Object();

    private boolean woken;

    private volatile boolean running;

    private ExecutorService senders;

    private Thread loop;

    PublicationDispatcher(PublicationService publications, PublishingProperties properties) {
        this.publications = publications;
        this.properties = properties;
        this.slots = new Semaphore(properties.threads());
    }

    /** Something is due now: take it without waiting for the next poll. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void postsDue(PostsDue event) {
        wake();
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(properties.threads(), runnable -> {
            var thread = new Thread(runnable, "herald-publisher");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        loop = new Thread(this::dispatch, "herald-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    private void dispatch() {
        while (running) {
            boolean wasWoken;
            synchronized (signal) {
                wasWoken = woken;
                woken = false;
            }
            try {
                var free = slots.availablePermits();
                if (free > 0) {
                    var overdue = wasWoken ? Duration.ZERO : properties.pollInterval();
                    for (var claim : publications.claimDue(free, overdue)) {
                        slots.acquireUninterruptibly();
                        senders.execute(() -> {
                            try {
                                publications.publish(claim);
                            } catch (RuntimeException e) {
                                log.error("Recording post {} failed", claim.postId(), e);
                            } finally {
                                slots.release();
                                wake();
                            }
                        });
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Claiming due posts failed this time: {}", e.toString());
            }
            synchronized (signal) {
                if (!woken && running) {
                    try {
                        signal.wait(properties.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        wake();
        senders.shutdown();
        try {
            loop.join(properties.shutdownGrace().toMillis());
            if (!senders.awaitTermination(properties.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "Publications still in flight after {}; they will be failed as outcome unknown by the"
                                + " next node",
                        properties.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the scheduler have shut down the things publications need. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1024;
    }
}
