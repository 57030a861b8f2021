package io.herald.posts.domain;

import io.herald.events.EventType;
import io.herald.events.Events;
import io.herald.kernel.Ids;
import io.herald.posts.publishing.GroupLifecycle;
import io.herald.posts.publishing.GroupRow;
import io.herald.posts.publishing.PostState;
import io.herald.posts.publishing.RestoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Undoes a delete within the restore window (spec §10.4): the posts the group's last delete took come
 * back as they were, queued ones whose date has passed as drafts, and the group's alarm is set again,
 * all in one transaction with the group's rows locked (so a restore and a delete or another restore
 * of the group never both win). Past the window, or once the sweep removed the content, the posts
 * are gone: 404.
 */
@Service
public class GroupRestore {

    private static final String OWNER_OF_POST = "select group_id, organization_id from posts where id = :id";

    private static final String OWNER_OF_GROUP = "select organization_id from posts where group_id = :group limit 1";

    private final GroupLifecycle lifecycle;

    private final RestoreProperties properties;

    private final JdbcClient jdbc;

    private final Clock clock;

    private final Events events;

    GroupRestore(GroupLifecycle lifecycle, RestoreProperties properties, JdbcClient jdbc, Clock clock, Events events) {
        this.lifecycle = lifecycle;
        this.events = events;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Restores the group of the post (any post of it, deleted). */
    @Transactional
    public Restored restorePost(UUID organizationId, String postId) {
        var notFound = PostNotFoundException.forPost(postId);
        var id = Ids.parse(postId).orElseThrow(() -> notFound);
        var owner = jdbc.sql(OWNER_OF_POST)
                .param("id", id)
                .query((rs, row) ->
                        new Owner(rs.getObject("group_id", UUID.class), rs.getObject("organization_id", UUID.class)))
                .optional()
                .orElseThrow(() -> notFound);
        if (!owner.organization().equals(organizationId)) {
            throw new PostAccessDeniedException("Post " + postId);
        }
        return restore(organizationId, owner.group(), "Post " + postId, notFound);
    }

    /** Restores the group. */
    @Transactional
    public Restored restoreGroup(UUID organizationId, String groupId) {
        var notFound = PostNotFoundException.forGroup(groupId);
        var id = Ids.parse(groupId).orElseThrow(() -> notFound);
        var owner = jdbc.sql(OWNER_OF_GROUP)
                .param("group", id)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> notFound);
        if (!owner.equals(organizationId)) {
            throw new PostAccessDeniedException("Group " + groupId);
        }
        return restore(organizationId, id, "Group " + groupId, notFound);
    }

    private Restored restore(UUID organizationId, UUID group, String what, PostNotFoundException notFound) {
        var rows = lifecycle.lockWholeGroup(group, organizationId);
        if (rows.stream().anyMatch(row -> !row.deleted() && row.state() != PostState.PUBLISHED)) {
            throw new PostNotDeletedException(what);
        }
        var restorable = rows.stream()
                .filter(row -> row.deleted() && !row.contentRemoved())
                .toList();
        var lastDelete = restorable.stream().map(GroupRow::deletedAt).max(Instant::compareTo);
        if (lastDelete.isEmpty()) {
            if (rows.stream().anyMatch(row -> !row.deleted())) {
                throw new PostNotDeletedException(what);
            }
            throw notFound;
        }
        var now = clock.instant();
        if (!properties.restoring()
                || lastDelete.get().plus(properties.restoreWindow()).isBefore(now)) {
            throw notFound;
        }
        var restoring = restorable.stream()
                .filter(row -> row.deletedAt().equals(lastDelete.get()))
                .toList();
        var drafted = lifecycle.restore(group, restoring, now);
        var restored = restoring.stream().map(GroupRow::id).toList();
        events.record(EventType.POST_RESTORED, organizationId, group, restored, Map.of("drafted", drafted));
        return new Restored(group, restored, drafted);
    }

    private record Owner(UUID group, UUID organization) {}

    /** What a restore brought back: every post, and which of them came back as drafts. */
    public record Restored(UUID group, List<UUID> restored, List<UUID> drafted) {}
}
