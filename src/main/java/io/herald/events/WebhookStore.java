package io.herald.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Organization webhooks, their deliveries and attempts: plain SQL. Deliveries are times by the
 * database's clock, the same for every node's relay.
 */
@Repository
class WebhookStore {

    /**
     * Due deliveries of live webhooks that no relay holds, each only once nothing earlier of its
     * group is pending for its webhook (a group's events are inserted under the group's lock, so
     * their serials are in commit order); rows another relay is claiming right now are skipped.
     */
    private static final String CLAIM = """
            update webhook_deliveries d
            set leased_until = clock_timestamp() + :lease * interval '1 millisecond', attempts = d.attempts + 1
            from organization_webhooks w
            where w.id = d.webhook_id and (d.webhook_id, d.event_id) in (
                select c.webhook_id, c.event_id from webhook_deliveries c
                join organization_webhooks cw on cw.id = c.webhook_id
                where c.state = 'PENDING' and cw.disabled_at is null and c.next_attempt_at <= clock_timestamp()
                  and (c.leased_until is null or c.leased_until < clock_timestamp())
                  and not exists (select 1 from webhook_deliveries e
                                  where e.webhook_id = c.webhook_id and e.group_id = c.group_id
                                    and e.state = 'PENDING' and e.event_serial < c.event_serial)
                order by c.next_attempt_at, c.event_serial
                limit :max
                for update of c skip locked)
            returning d.webhook_id, d.event_id, d.event_type, d.body, d.attempts, w.url, w.secret, w.organization_id""";

    private static final String ATTEMPT = """
            insert into webhook_attempts (webhook_id, event_id, attempted_at, outcome, status_code, error)
            values (:webhook, :event, clock_timestamp(), :outcome, :status, :error)""";

    private static final String DELIVERED = """
            update webhook_deliveries set state = 'DELIVERED', finished_at = clock_timestamp(), leased_until = null
            where webhook_id = :webhook and event_id = :event and state = 'PENDING'
            returning round(extract(epoch from finished_at - created_at) * 1000)::bigint""";

    /** Waits {@code backoff}, or fails for good once the delivery is older than the give-up time. */
    private static final String FAILED = """
            update webhook_deliveries
            set leased_until = null,
                next_attempt_at = clock_timestamp() + :backoff * interval '1 millisecond',
                state = case when created_at + :giveUp * interval '1 millisecond' <= clock_timestamp()
                             then 'FAILED' else 'PENDING' end,
                finished_at = case when created_at + :giveUp * interval '1 millisecond' <= clock_timestamp()
                                   then clock_timestamp() end
            where webhook_id = :webhook and event_id = :event and state = 'PENDING'
            returning state""";

    private static final String DISABLE = """
            update organization_webhooks set disabled_at = clock_timestamp(), disabled_reason = :reason
            where id = :webhook and disabled_at is null
            returning url""";

    private static final String WEBHOOK_COLUMNS =
            "id, organization_id, url, event_types, created_at, disabled_at," + " disabled_reason";

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(UUID id, UUID organization, String url, String secret, List<EventType> types, Instant now) {
        jdbc.sql("""
                        insert into organization_webhooks (id, organization_id, url, secret, event_types, created_at)
                        values (:id, :organization, :url, :secret, cast(:types as text[]), :now)""")
                .param("id", id)
                .param("organization", organization)
                .param("url", url)
                .param("secret", secret)
                .param("types", types.stream().map(EventType::wire).collect(Collectors.joining(",", "{", "}")))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<Webhook> find(UUID id) {
        return jdbc.sql("select " + WEBHOOK_COLUMNS + " from organization_webhooks where id = :id")
                .param("id", id)
                .query(WebhookStore::webhook)
                .optional();
    }

    List<Webhook> list(UUID organization) {
        return jdbc.sql("select " + WEBHOOK_COLUMNS
                        + " from organization_webhooks where organization_id = :organization order by created_at, id")
                .param("organization", organization)
                .query(WebhookStore::webhook)
                .list();
    }

    void delete(UUID id) {
        jdbc.sql("delete from organization_webhooks where id = :id")
                .param("id", id)
                .update();
    }

    List<Claimed> claim(int max, Duration lease) {
        return jdbc.sql(CLAIM)
                .param("max", max)
                .param("lease", lease.toMillis())
                .query((rs, row) -> new Claimed(
                        rs.getObject("webhook_id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        rs.getString("url"),
                        rs.getString("secret"),
                        rs.getObject("organization_id", UUID.class)))
                .list();
    }

    void attempt(Claimed delivery, String outcome, Integer status, String error) {
        jdbc.sql(ATTEMPT)
                .param("webhook", delivery.webhookId())
                .param("event", delivery.eventId())
                .param("outcome", outcome)
                .param("status", status)
                .param("error", error)
                .update();
    }

    /** Records the delivery done; answers how long after its event it arrived (empty if another relay got there first). */
    Optional<Duration> delivered(Claimed delivery) {
        return jdbc.sql(DELIVERED)
                .param("webhook", delivery.webhookId())
                .param("event", delivery.eventId())
                .query(Long.class)
                .optional()
                .map(Duration::ofMillis);
    }

    /** Answers whether the delivery failed for good (it is past the give-up time). */
    boolean failed(Claimed delivery, Duration backoff, Duration giveUp) {
        return jdbc.sql(FAILED)
                .param("webhook", delivery.webhookId())
                .param("event", delivery.eventId())
                .param("backoff", backoff.toMillis())
                .param("giveUp", giveUp.toMillis())
                .query(String.class)
                .optional()
                .map("FAILED"::equals)
                .orElse(false);
    }

    /** Disables the webhook; answers its URL if this disabled it (it was live). */
    Optional<String> disable(UUID webhook, String reason) {
        return jdbc.sql(DISABLE)
                .param("webhook", webhook)
                .param("reason", reason)
                .query(String.class)
                .optional();
    }

    /** The webhook's latest deliveries, newest first, each with its attempts in order. */
    List<Delivery> deliveries(UUID webhook, int max) {
        var deliveries = jdbc.sql("""
                        select event_id, event_type, state, next_attempt_at from webhook_deliveries
                        where webhook_id = :webhook order by event_serial desc limit :max""")
                .param("webhook", webhook)
                .param("max", max)
                .query((rs, row) -> new Delivery(
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getString("state"),
                        instant(rs, "next_attempt_at"),
                        new ArrayList<>()))
                .list();
        var byEvent = deliveries.stream().collect(Collectors.toMap(Delivery::eventId, d -> d));
        if (!byEvent.isEmpty()) {
            jdbc.sql("""
                            select event_id, attempted_at, outcome, status_code, error from webhook_attempts
                            where webhook_id = :webhook and event_id in (:events) order by id""")
                    .param("webhook", webhook)
                    .param("events", byEvent.keySet())
                    .query(rs -> {
                        var status = rs.getInt("status_code");
                        byEvent.get(rs.getObject("event_id", UUID.class))
                                .attempts()
                                .add(new Attempt(
                                        instant(rs, "attempted_at"),
                                        rs.getString("outcome"),
                                        rs.wasNull() ? null : status,
                                        rs.getString("error")));
                    });
        }
        return deliveries;
    }

    private static Webhook webhook(ResultSet rs, int row) throws SQLException {
        return new Webhook(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("url"),
                Arrays.stream((String[]) rs.getArray("event_types").getArray()).toList(),
                instant(rs, "created_at"),
                instant(rs, "disabled_at"),
                rs.getString("disabled_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    record Webhook(
            UUID id,
            UUID organizationId,
            String url,
            List<String> types,
            Instant createdAt,
            Instant disabledAt,
            String disabledReason) {}

    /** A delivery a relay holds for one attempt (its {@code attempts}-th). */
    record Claimed(
            UUID webhookId,
            UUID eventId,
            String type,
            String body,
            int attempts,
            String url,
            String secret,
            UUID organizationId) {}

    record Delivery(UUID eventId, String type, String state, Instant nextAttemptAt, List<Attempt> attempts) {}

    record Attempt(Instant at, String outcome, Integer status, String error) {}
}
