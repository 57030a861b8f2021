package io.herald.events;

import io.herald.kernel.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The events table's statements. */
@Repository
class EventStore {

    /**
     * The event with what it makes, in one statement: one delivery to each live webhook of its
     * organization subscribed to its type (the relay sends them later, never on the writer's path),
     * and its notification when it makes one. A delivery's event_serial is the event's insertion
     * order, which the relay keeps within a group.
     */
    private static final String INSERT = """
            with event as (
                insert into events (id, organization_id, type, group_id, post_ids, actor_type, actor_id, actor_name,
                                    request_id, data, occurred_at)
                values (:id, :organization, :type, :group, cast(:posts as uuid[]), :actorType, :actorId, :actorName,
                        :requestId, cast(:data as jsonb), :occurredAt)
                returning serial),
            deliveries as (
                insert into webhook_deliveries (event_id, webhook_id, event_type, group_id, event_serial, body, state,
                                                next_attempt_at, created_at)
                select :id, w.id, :type, :group, event.serial, :body, 'PENDING', clock_timestamp(), clock_timestamp()
                from organization_webhooks w cross join event
                where w.organization_id = :organization and w.disabled_at is null and :type = any (w.event_types)),
            notification as (
                insert into notifications (id, organization_id, content, link, created_at)
                select :notificationId, :organization, cast(:notice as text), cast(:noticeLink as text), :occurredAt
                where cast(:notice as text) is not null)
            select serial from event""";

    static final String COLUMNS =
            "id, organization_id, type, group_id, post_ids, actor_type, actor_id, actor_name, request_id, data,"
                    + " occurred_at";

    private static final TypeReference<LinkedHashMap<String, Object>> DATA = new TypeReference<>() {};

    private final JdbcClient jdbc;

    private final JsonMapper json;

    EventStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Inserts the event, its deliveries ({@code body} is what they send) and its notification
     * ({@code notice}, if any).
     */
    void insert(Event event, String body, Optional<Notifications.Notice> notice) {
        jdbc.sql(INSERT)
                .param("id", event.id())
                .param("organization", event.organizationId())
                .param("type", event.type().wire())
                .param("group", event.groupId())
                .param("posts", uuidArray(event.posts()))
                .param("actorType", event.actor().kind().wire())
                .param("actorId", event.actor().id())
                .param("actorName", event.actor().name())
                .param("requestId", event.requestId())
                .param("data", json.writeValueAsString(event.data()))
                .param("occurredAt", event.occurredAt().atOffset(ZoneOffset.UTC))
                .param("body", body)
                .param("notificationId", Ids.next())
                .param("notice", notice.map(Notifications.Notice::content).orElse(null))
                .param("noticeLink", notice.map(Notifications.Notice::link).orElse(null))
                .query(Long.class)
                .single();
    }

    /** The group's events in the order they were written (a group's writers hold its lock). */
    List<Event> ofGroup(UUID group) {
        return jdbc.sql("select " + COLUMNS + " from events where group_id = :group order by serial")
                .param("group", group)
                .query(this::event)
                .list();
    }

    Event event(ResultSet rs, int row) throws SQLException {
        var posts = new ArrayList<UUID>(
                Arrays.asList((UUID[]) rs.getArray("post_ids").getArray()));
        var actor = new Actor(
                Actor.Kind.ofWire(rs.getString("actor_type")), rs.getString("actor_id"), rs.getString("actor_name"));
        Map<String, Object> data = json.readValue(rs.getString("data"), DATA);
        return new Event(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                EventType.ofWire(rs.getString("type")).orElseThrow(),
                rs.getObject("group_id", UUID.class),
                List.copyOf(posts),
                actor,
                rs.getString("request_id"),
                data,
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
    }

    private static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
