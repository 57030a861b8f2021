package io.herald.posts.publishing;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What follows from posts failing, whatever failed them (their platform, the missed window, a dead
 * node): the later items of their threads fail too, since they cannot go out without them, and a
 * group with nothing queued left loses its alarms. In the caller's transaction.
 */
@Component
class FailedThreads {

    private final PostStore store;

    private final PublicationScheduler scheduler;

    private final PostMetrics metrics;

    private final PublicationEvents events;

    FailedThreads(PostStore store, PublicationScheduler scheduler, PostMetrics metrics, PublicationEvents events) {
        this.store = store;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.events = events;
    }

    void settle(List<PostStore.Ended> failed, Instant now) {
        for (var post : failed) {
            var broken = store.breakThread(post, now);
            broken.forEach(item -> metrics.failed(item.integrationId(), PostMetrics.Failure.THREAD));
            events.threadBroken(post, broken);
        }
        failed.stream()
                .map(PostStore.Ended::groupId)
                .distinct()
                .filter(group -> !store.queued(group))
                .forEach(scheduler::cancel);
    }
}
