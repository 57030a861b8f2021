package io.herald.posts.publishing;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Makes a delete permanent once its restore window has passed (spec §4.3, §10.4): every sweep
 * interval it removes the content (text, images, settings, error) of the posts deleted longer ago
 * than the window, in batches, each its own statement. The rows stay, content-free, so ids, groups
 * and versions still answer for what happened; they are never restored. With the window {@code 0}
 * every deleted post's content goes at the next sweep. Every node sweeps; batches skip rows another
 * node holds.
 */
@Component
@EnableConfigurationProperties(RestoreProperties.class)
public class DeletedContentSweep implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeletedContentSweep.class);

    private static final int BATCH = 1000;

    private final PostStore store;

    private final RestoreProperties properties;

    private final Clock clock;

    private ScheduledExecutorService sweeps;

    DeletedContentSweep(PostStore store, RestoreProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Removes the content of every post deleted longer ago than the window; answers how many. */
    public int sweep() {
        var now = clock.instant();
        var before = now.minus(properties.restoreWindow());
        var erased = 0;
        int batch;
        do {
            batch = store.eraseDeleted(before, BATCH, now);
            erased += batch;
        } while (batch == BATCH);
        if (erased > 0) {
            log.info("Removed the content of {} posts deleted before {}", erased, before);
        }
        return erased;
    }

    @Override
    public void afterPropertiesSet() {
        sweeps = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "herald-deleted-content-sweep");
            thread.setDaemon(true);
            return thread;
        });
        var interval = properties.restoreSweepInterval().toMillis();
        sweeps.scheduleWithFixedDelay(this::sweepQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        sweeps.shutdownNow();
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("The sweep of deleted posts' content failed; the next one tries again", e);
        }
    }
}
