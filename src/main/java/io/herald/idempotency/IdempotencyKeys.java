package io.herald.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored keys, one statement each (no transaction spans a request): claiming a key is one
 * insert, so of concurrent first requests on any nodes exactly one wins.
 */
@Repository
class IdempotencyKeys {

    /** How long a key's answer is kept. */
    static final Duration KEPT = Duration.ofHours(24);

    private static final String CLAIM = """
            insert into idempotency_keys (organization_id, key, fingerprint, created_at)
            values (:organization, :key, :fingerprint, :now) on conflict do nothing""";

    private static final String FIND = """
            select fingerprint, status, content_type, body, created_at from idempotency_keys
            where organization_id = :organization and key = :key""";

    /** The organization's keys older than they are kept, forgotten whenever it claims one. */
    private static final String EXPIRE = """
            delete from idempotency_keys where organization_id = :organization and created_at < :before""";

    private static final String ANSWER = """
            update idempotency_keys set status = :status, content_type = :contentType, body = :body
            where organization_id = :organization and key = :key and status is null""";

    private static final String RELEASE = """
            delete from idempotency_keys where organization_id = :organization and key = :key and status is null""";

    private final JdbcClient jdbc;

    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes the key for this request; false if it is taken (and not expired). */
    boolean claim(UUID organization, String key, String fingerprint) {
        var now = clock.instant();
        jdbc.sql(EXPIRE)
                .param("organization", organization)
                .param("before", at(now.minus(KEPT)))
                .update();
        return jdbc.sql(CLAIM)
                        .param("organization", organization)
                        .param("key", key)
                        .param("fingerprint", fingerprint)
                        .param("now", at(now))
                        .update()
                == 1;
    }

    Optional<Stored> find(UUID organization, String key) {
        return jdbc.sql(FIND)
                .param("organization", organization)
                .param("key", key)
                .query((rs, row) -> new Stored(
                        rs.getString("fingerprint"),
                        (Integer) rs.getObject("status"),
                        rs.getString("content_type"),
                        rs.getBytes("body")))
                .optional();
    }

    /** The claimed request's answer, for every repeat. */
    void answer(UUID organization, String key, int status, String contentType, byte[] body) {
        jdbc.sql(ANSWER)
                .param("organization", organization)
                .param("key", key)
                .param("status", status)
                .param("contentType", contentType)
                .param("body", body)
                .update();
    }

    /** Gives the claim up: the request ended without an answer worth repeating. */
    void release(UUID organization, String key) {
        jdbc.sql(RELEASE).param("organization", organization).param("key", key).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A key's row: what request took it, and its answer once there is one ({@code status} null before). */
    record Stored(String fingerprint, Integer status, String contentType, byte[] body) {}
}
