package io.herald.posts.scheduling;

import io.herald.posts.domain.PostsDue;
import io.herald.posts.domain.PublicationService;
import io.herald.posts.domain.PublishingProperties;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * This node's publisher: claims due posts, as many as it has free sending slots (a post is never
 * held without being sent at once), and sends them on its own threads. It wakes when one of the
 * group alarms Quartz fires on this node rings, when this node commits posts that are due now, and
 * when a quarter of its sending slots are free; then it takes everything that is due. Between wakes it polls, and a
 * poll takes only what is overdue by a poll interval: the node that made or was woken for a post
 * takes it first, and the others are the safety net (a node dying in the middle of an alarm, an
 * alarm lost). Every recovery interval it also fails the posts dead or stuck publishers held, and
 * the posts past the missed window. It claims nothing before this node's Quartz scheduler has
 * joined the cluster (else other nodes would take its fresh claims for a dead node's). On shutdown
 * it stops claiming and lets the posts in flight finish, for a while.
 */
@Component
class PublicationDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublicationDispatcher.class);

    private final PublicationService publications;

    private final PublishingProperties properties;

    private final ObjectProvider<Scheduler> scheduler;

    private final Semaphore slots;

    /** Free slots worth a claim: under a burst, claims take several posts each rather than one per freed slot. */
    private final int batch;

    private final Object signal = new Object();

    private boolean woken;

    private volatile boolean running;

    private ExecutorService senders;

    private Thread loop;

    private long nextRecovery;

    /**
     * The scheduler comes through a provider on purpose: a bean depending on it would be stopped in
     * its phase, before the web server's graceful shutdown this publisher drains with.
     */
    PublicationDispatcher(
            PublicationService publications, PublishingProperties properties, ObjectProvider<Scheduler> scheduler) {
        this.publications = publications;
        this.properties = properties;
        this.scheduler = scheduler;
        this.slots = new Semaphore(properties.threads());
        this.batch = Math.max(1, properties.threads() / 4);
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
                recoverWhenDue();
                var free = joinedCluster() ? slots.availablePermits() : 0;
                if (free > 0) {
                    var overdue = wasWoken ? Duration.ZERO : properties.pollInterval();
                    for (var claim : publications.claimDue(free, overdue)) {
                        slots.acquireUninterruptibly();
                        senders.execute(() -> {
                            try {
                                publications.publish(claim);
                            } catch (RuntimeException e) {
                                log.error("Publishing post {} failed", claim.postId(), e);
                            } finally {
                                slots.release();
                                if (slots.availablePermits() >= batch) {
                                    wake();
                                }
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

    private void recoverWhenDue() {
        var now = System.nanoTime();
        if (now - nextRecovery >= 0) {
            nextRecovery = now + properties.recoveryInterval().toNanos();
            publications.abandonPostsOfDeadNodes();
            publications.failMissed();
        }
    }

    private boolean joinedCluster() {
        try {
            var quartz = scheduler.getObject();
            return quartz.isStarted() && !quartz.isInStandbyMode() && !quartz.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /**
     * Stops claiming and lets the publications in flight finish, for at most the shutdown grace; one
     * still running then is left PUBLISHING, and another node's recovery fails it as outcome unknown,
     * as after a crash. It never holds a post it has not started to send.
     */
    @Override
    public void stop() {
        var deadline = System.nanoTime() + properties.shutdownGrace().toNanos();
        running = false;
        wake();
        try {
            // the loop first, so no claim is made that the closing pool would refuse
            loop.join(properties.shutdownGrace().toMillis());
            senders.shutdown();
            var inFlight = properties.threads() - slots.availablePermits();
            if (inFlight > 0) {
                log.info(
                        "Waiting up to {} for {} publication(s) in flight to finish",
                        properties.shutdownGrace(),
                        inFlight);
            }
            if (senders.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                if (inFlight > 0) {
                    log.info("Publications in flight finished");
                }
            } else {
                log.warn(
                        "Publications still in flight after {}; another node will fail them as outcome unknown",
                        properties.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains in the background, beside the web server's own graceful shutdown, under one bound. */
    @Override
    public void stop(Runnable callback) {
        var drainer = new Thread(
                () -> {
                    try {
                        stop();
                    } finally {
                        callback.run();
                    }
                },
                "herald-publisher-shutdown");
        drainer.setDaemon(true);
        drainer.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops with the web server's graceful shutdown, after Quartz went to standby. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
    }
}
