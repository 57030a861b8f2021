package io.herald.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts requests per organization, limited route and fixed window in PostgreSQL, so that every
 * server instance on the database shares one count.
 */
@Service
class RateLimitCounter {

    private static final String HIT = """
            insert into rate_limit_windows (organization_id, bucket, window_start, hits)
            values (:organization, :bucket, :window, 1)
            on conflict (organization_id, bucket, window_start)
            do update set hits = rate_limit_windows.hits + 1
            returning hits
            """;

    private final JdbcClient jdbc;

    RateLimitCounter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts one request in the window and returns the window's count so far, this one included.
     * Its own short transaction, committed before the request goes on: the row lock of the upsert
     * makes concurrent requests count one after the other, and is not held while the request runs.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    int hit(UUID organizationId, String bucket, Instant windowStart, Duration windowLength) {
        var hits = jdbc.sql(HIT)
                .param("organization", organizationId)
                .param("bucket", bucket)
                .param("window", windowStart.atOffset(ZoneOffset.UTC))
                .query(Integer.class)
                .single();
        if (hits == 1) {
            // A window's first request clears windows that ended before the previous one (one
            // window of slack for instances whose clocks lag a little).
            jdbc.sql("delete from rate_limit_windows where window_start < :before")
                    .param("before", windowStart.minus(windowLength).atOffset(ZoneOffset.UTC))
                    .update();
        }
        return hits;
    }
}
