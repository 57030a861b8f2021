package io.herald.support;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The events table's rows of one organization, in the order they were written. */
public final class EventRows {

    private final JdbcClient jdbc;

    public EventRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Row> of(String organization) {
        return jdbc.sql("""
                        select id, type, group_id, post_ids, actor_type, actor_id, actor_name, request_id, data::text
                        from events where organization_id = :organization order by serial
                        """)
                .param("organization", UUID.fromString(organization))
                .query((rs, n) -> new Row(
                        rs.getString("id"),
                        rs.getString("type"),
                        rs.getString("group_id"),
                        Arrays.stream((UUID[]) rs.getArray("post_ids").getArray())
                                .map(UUID::toString)
                                .toList(),
                        rs.getString("actor_type"),
                        rs.getString("actor_id"),
                        rs.getString("actor_name"),
                        rs.getString("request_id"),
                        rs.getString("data")))
                .list();
    }

    /** When the event happened, as the API writes instants. */
    public String occurredAt(String event) {
        return jdbc.sql(
                        "select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from events"
                                + " where id = cast(:id as uuid)")
                .param("id", UUID.fromString(event))
                .query(String.class)
                .single();
    }

    /** One event; {@code data} as PostgreSQL prints jsonb (keys sorted by length, then bytes). */
    public record Row(
            String id,
            String type,
            String group,
            List<String> posts,
            String actorType,
            String actorId,
            String actorName,
            String requestId,
            String data) {

        /** The event without its id and data: what happened, to what, by whom, in which request. */
        public String summary() {
            return type + " " + group + " " + posts + " " + actorType + " " + actorId + " " + requestId;
        }
    }
}
