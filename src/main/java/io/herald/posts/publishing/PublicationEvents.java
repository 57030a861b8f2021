package io.herald.posts.publishing;

import io.herald.events.EventType;
import io.herald.events.Events;
import io.herald.integrations.Release;
import io.herald.kernel.ApiTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The events of publications, each written in the transaction of the {@link PostStore} statement
 * that records what it says. Their actor is Herald itself.
 */
@Component
class PublicationEvents {

    private final Events events;

    PublicationEvents(Events events) {
        this.events = events;
    }

    void published(UUID post, PostStore.Recorded recorded, Release release) {
        var data = new LinkedHashMap<String, Object>();
        data.put("integration", recorded.integrationId());
        data.put("releaseId", release.id());
        data.put("releaseURL", release.url());
        events.record(EventType.POST_PUBLISHED, recorded.organizationId(), recorded.groupId(), List.of(post), data);
    }

    /** A repeating group's next occurrence, made when the last one ended. */
    void occurrenceCreated(PostStore.Recorded ended, PostStore.Occurrence next) {
        var data = new LinkedHashMap<String, Object>();
        data.put("type", "schedule");
        data.put("publishDate", ApiTime.format(next.publishDate()));
        data.put("occurrence", true);
        events.record(EventType.POST_CREATED, ended.organizationId(), ended.groupId(), next.posts(), data);
    }

    /** The post failed ({@code reason}: what failed it) with {@code error}, as its row now says. */
    void failed(PostStore.Ended post, PostMetrics.Failure reason, String error) {
        failed(post.organizationId(), post.groupId(), List.of(post.id()), post.integrationId(), reason, error);
    }

    /** The thread items after {@code failed} that cannot go out without it. */
    void threadBroken(PostStore.Ended failed, List<PostStore.Broken> items) {
        if (items.isEmpty()) {
            return;
        }
        failed(
                failed.organizationId(),
                failed.groupId(),
                items.stream().map(PostStore.Broken::id).toList(),
                failed.integrationId(),
                PostMetrics.Failure.THREAD,
                PostStore.brokenError(failed));
    }

    private void failed(
            UUID organization,
            UUID group,
            List<UUID> posts,
            UUID integration,
            PostMetrics.Failure reason,
            String error) {
        var data = new LinkedHashMap<String, Object>();
        data.put("integration", integration);
        data.put("reason", reason.tag());
        data.put("error", error);
        events.record(EventType.POST_FAILED, organization, group, posts, data);
    }
}
