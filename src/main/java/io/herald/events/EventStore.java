package io.herald.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The events table's statements. */
@Repository
class EventStore {

    private static final String INSERT = """
            insert into events (id, organization_id, type, group_id, post_ids, actor_type, actor_id, actor_name,
                                request_id, data, occurred_at)
            values (:id, :organization, :type, :group, cast(:posts as uuid[]), :actorType, :actorId, :actorName,
                    :requestId, cast(:data as jsonb), :occurredAt)
            returning serial""";

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

    /** Inserts the event; answers its serial (insertion order). */
    long insert(Event event) {
        return jdbc.sql(INSERT)
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
