package io.herald.posts.publishing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * This node's publisher: claims due posts, as many as it has free sending slots (a post is never
 * held without being sent at once), and sends them on its own threads. It wakes when an alarm rings
 * on this node or this node commits posts that are due now ({@link PostsDue}), and when a quarter of
 * its sending slots are free; then it takes everything that is due. Between wakes it polls, and a
 * poll takes only what is overdue by a poll interval: the node that made or was woken for a post
 * takes it first, and the others are the safety net (a node dying in the middle of an alarm, an
 * alarm lost). Every recovery interval it also runs {@link PublicationRecovery}'s sweeps.
 *
 * <p>It claims only while its {@link NodeHeartbeat} row is fresh (the claim statement checks), so a
 * node that was declared dead takes nothing until it has joined again. The loop survives every
 * failure of an iteration but one of the JVM itself ({@link VirtualMachineError}), which ends it:
 * readiness then goes DOWN ({@link PublisherHealthIndicator}) rather than the node silently
 * publishing nothing. On shutdown it stops claiming, lets the posts in flight finish for a while,
 * and leaves the cluster.
 */
@Component
class PublicationDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublicationDispatcher.class);

    private final PublicationService publications;

    private final PublicationRecovery recovery;

    private final NodeHeartbeat heartbeat;

    private final PublishingProperties properties;

    private final Semaphore slots;

    /** Free slots worth a claim: under a burst, claims take several posts each rather than one per freed slot. */
    private final int batch;

    /**
     * The claims this node handed to a sender and has not settled: what it must never put back in
     * the queue when it looks for claims whose answer it lost.
     */
    private final Set<UUID> sending = ConcurrentHashMap.newKeySet();

    private final Object signal = new Object();

    /** A test-only fault (herald.test.dispatcher-fault): the first wake-up throws it. */
    private final String fault;

    private final AtomicBoolean faultArmed;

    private boolean woken;

    private volatile boolean running;

    /** Set by tests of this package that claim by hand: the loop goes on, recovery included, but claims nothing. */
    private volatile boolean paused;

    /** The last claim failed, perhaps after it committed: claims this node never learned of may exist. */
    private boolean claimsUncertain;

    private ExecutorService senders;

    private Thread loop;

    private long nextRecovery;

    PublicationDispatcher(
            PublicationService publications,
            PublicationRecovery recovery,
            NodeHeartbeat heartbeat,
            PublishingProperties properties,
            @Value("${herald.test.dispatcher-fault:}") String fault) {
        this.publications = publications;
        this.recovery = recovery;
        this.heartbeat = heartbeat;
        this.properties = properties;
        this.slots = new Semaphore(properties.threads());
        this.batch = Math.max(1, properties.threads() / 4);
        this.fault = fault;
        this.faultArmed = new AtomicBoolean(!fault.isEmpty());
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
        running = true;
        if (!properties.enabled()) {
            log.info("Publishing is off on this node (herald.publishing.enabled=false): it only serves the API");
            return;
        }
        senders = Executors.newFixedThreadPool(properties.threads(), runnable -> {
            var thread = new Thread(runnable, "herald-publisher");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.start();
        loop = new Thread(this::dispatch, "herald-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
        wake();
    }

    /** Whether this node publishes and its loop is alive (or it does not publish, by its settings). */
    boolean healthy() {
        return !properties.enabled() || (loop != null && loop.isAlive());
    }

    private void dispatch() {
        while (running) {
            boolean wasWoken;
            synchronized (signal) {
                wasWoken = woken;
                woken = false;
            }
            try {
                if (wasWoken) {
                    injectFault();
                }
                recoverWhenDue();
                claimAndSend(wasWoken ? Duration.ZERO : properties.pollInterval());
            } catch (VirtualMachineError e) {
                log.error("The publisher stopped: the JVM failed under it; this node publishes nothing more", e);
                throw e;
            } catch (Throwable e) {
                log.warn("Publishing failed this time; the publisher goes on", e);
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

    private void claimAndSend(Duration overdue) {
        if (claimsUncertain) {
            releaseUnknownClaims();
        }
        var free = paused ? 0 : slots.availablePermits();
        if (free == 0) {
            return;
        }
        List<PublicationService.Claim> claims;
        try {
            claims = publications.claimDue(free, overdue);
        } catch (RuntimeException e) {
            claimsUncertain = true;
            throw e;
        }
        for (var claim : claims) {
            sending.add(claim.claimId());
            slots.acquireUninterruptibly();
            try {
                senders.execute(() -> send(claim));
            } catch (RejectedExecutionException e) {
                // the pool closed (shutdown after the grace): nothing was sent, the post goes back
                slots.release();
                publications.releaseRefused(claim);
                sending.remove(claim.claimId());
            }
        }
    }

    private void send(PublicationService.Claim claim) {
        var settled = false;
        try {
            settled = publications.publish(claim);
        } catch (Throwable e) {
            log.error("Publishing post {} failed; it stays PUBLISHING until it is failed as stuck", claim.postId(), e);
        } finally {
            if (settled) {
                sending.remove(claim.claimId());
            }
            slots.release();
            if (slots.availablePermits() >= batch) {
                wake();
            }
        }
    }

    private void recoverWhenDue() {
        var now = System.nanoTime();
        if (now - nextRecovery >= 0) {
            nextRecovery = now + properties.recoveryInterval().toNanos();
            recovery.abandonPostsOfDeadNodes();
            recovery.failMissed();
            releaseUnknownClaims();
        }
    }

    /**
     * Runs on this loop only, between claims, so every claim it made and learned of is in
     * {@link #sending} by then: what else this node holds, it never sent.
     */
    private void releaseUnknownClaims() {
        publications.releaseUnknownClaims(Set.copyOf(sending));
        claimsUncertain = false;
    }

    /** The test hook: {@code fatal} ends the loop as a failing JVM would, anything else is a failure it survives. */
    private void injectFault() {
        if (faultArmed.compareAndSet(true, false)) {
            throw "fatal".equals(fault)
                    ? new InternalError("herald.test.dispatcher-fault")
                    : new AssertionError("herald.test.dispatcher-fault");
        }
    }

    /**
     * Stops claiming and lets the publications in flight finish, for at most the shutdown grace; one
     * still running then is left PUBLISHING, and another node's recovery fails it as outcome unknown,
     * as after a crash. Then the node leaves its cluster. It never holds a post it has not started to send.
     */
    @Override
    public void stop() {
        running = false;
        if (loop == null) {
            return;
        }
        var deadline = System.nanoTime() + properties.shutdownGrace().toNanos();
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
        } finally {
            heartbeat.stop();
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
