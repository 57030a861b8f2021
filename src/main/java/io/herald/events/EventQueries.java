package io.herald.events;

import io.herald.kernel.Ids;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reading events: the change feed, a group's history; and pruning what is past the retention. */
@Service
@EnableConfigurationProperties(EventsProperties.class)
class EventQueries {

    private static final String FEED = "select " + EventStore.COLUMNS + ", position from events"
            + " where organization_id = :organization and position > :after order by position limit :limit";

    private static final String OWNER_BY_EVENTS =
            "select group_id, organization_id from events where post_ids @> array[:post]::uuid[] limit 1";

    private static final String PRUNE = """
            delete from events where id in (
                select id from events where occurred_at < :cutoff and position is not null limit 10000)""";

    private final JdbcClient jdbc;

    private final EventStore store;

    private final EventSequencer sequencer;

    private final PostGroups groups;

    private final EventsProperties properties;

    private final Clock clock;

    EventQueries(
            JdbcClient jdbc,
            EventStore store,
            EventSequencer sequencer,
            PostGroups groups,
            EventsProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.sequencer = sequencer;
        this.groups = groups;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Up to {@code limit} of the organization's events after the cursor, in feed order, and the
     * cursor after them. What committed before the call is numbered first, so it is on this page or
     * a later one.
     */
    FeedPage page(UUID organization, FeedCursor after, int limit) {
        sequencer.number();
        var positions = new long[] {after.position()};
        var events = jdbc.sql(FEED)
                .param("organization", organization)
                .param("after", after.position())
                .param("limit", limit)
                .query((rs, row) -> {
                    positions[0] = rs.getLong("position");
                    return store.event(rs, row);
                })
                .list();
        return new FeedPage(events, new FeedCursor(positions[0]));
    }

    /**
     * The events of the post's group, oldest first, also when the group was deleted (within the
     * retention); {@link HistoryNotFoundException} for a post of no group the organization owns.
     */
    List<Event> history(UUID organization, String postId) {
        var post = Ids.parse(postId).orElseThrow(() -> HistoryNotFoundException.missing(postId));
        var owner = groups.groupOf(post)
                .or(() -> jdbc.sql(OWNER_BY_EVENTS)
                        .param("post", post)
                        .query((rs, row) -> new PostGroups.Owner(
                                rs.getObject("group_id", UUID.class), rs.getObject("organization_id", UUID.class)))
                        .optional())
                .orElseThrow(() -> HistoryNotFoundException.missing(postId));
        if (!owner.organization().equals(organization)) {
            throw HistoryNotFoundException.denied(postId);
        }
        return store.ofGroup(owner.group());
    }

    /** Deletes events older than the retention; answers how many went. */
    int prune() {
        var cutoff = clock.instant().minus(properties.retention());
        var total = 0;
        int pruned;
        do {
            pruned = jdbc.sql(PRUNE)
                    .param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                    .update();
            total += pruned;
        } while (pruned == 10000);
        return total;
    }

    record FeedPage(List<Event> events, FeedCursor next) {}
}
