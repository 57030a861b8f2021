package io.herald.posts.scheduling;

import io.herald.posts.domain.PublishingProperties;
import java.time.Duration;
import java.util.List;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, lets the publications this node is sending finish, for at most
 * {@code herald.publishing.shutdown-grace}, so that none is left PUBLISHING (and later failed as
 * outcome unknown) for want of a few seconds. It stops in the phase of the web server's graceful
 * shutdown, so requests and publications drain together under one bound. Quartz itself takes no new
 * jobs by then: its scheduler went to standby in an earlier phase.
 *
 * <p>A publication still running when the grace ends is left as it is; the node's cluster check-ins
 * stop, and another node's recovery fails the post as outcome unknown, as after a crash.
 */
@Component
class PublishingShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublishingShutdown.class);

    private static final Duration POLL = Duration.ofMillis(100);

    private final ObjectProvider<Scheduler> scheduler;

    private final Duration grace;

    private volatile boolean running;

    /**
     * The scheduler comes through a provider on purpose: a bean that depends on the scheduler is
     * stopped together with it, in its earlier phase, and that phase would not wait for this one.
     */
    PublishingShutdown(ObjectProvider<Scheduler> scheduler, PublishingProperties properties) {
        this.scheduler = scheduler;
        this.grace = properties.shutdownGrace();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        drain();
        running = false;
    }

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
                "publishing-shutdown");
        drainer.setDaemon(true);
        drainer.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
    }

    private void drain() {
        var scheduler = this.scheduler.getObject();
        try {
            scheduler.standby();
            var deadline = System.nanoTime() + grace.toNanos();
            var waited = false;
            // Empty twice in a row: a trigger that fired just before the standby may start its job late.
            var emptyPolls = 0;
            while (true) {
                var busy = scheduler.getCurrentlyExecutingJobs();
                emptyPolls = busy.isEmpty() ? emptyPolls + 1 : 0;
                if (emptyPolls == 2) {
                    if (waited) {
                        log.info("Running publications finished");
                    }
                    return;
                }
                if (!busy.isEmpty() && !waited) {
                    log.info("Waiting up to {} for {} running publication(s) to finish", grace, busy.size());
                    waited = true;
                }
                if (System.nanoTime() - deadline > 0) {
                    log.warn(
                            "Shutdown grace of {} is over with the publication of group(s) {} still running;"
                                    + " other nodes will fail what it could not record as outcome unknown",
                            grace,
                            groups(busy));
                    return;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (SchedulerException e) {
            log.warn("Could not wait for running publications: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> groups(List<JobExecutionContext> jobs) {
        return jobs.stream().map(job -> job.getJobDetail().getKey().getName()).toList();
    }
}
