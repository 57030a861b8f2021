package io.herald.posts.domain;

import io.herald.integrations.Integrations;
import io.herald.kernel.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Free posting times of an integration (Postiz's find-slot). */
@Service
public class PostingSlots {

    /**
     * The distinct minutes at or after {@code from}, in order, that the integration's live root posts
     * take among its posting times: only posts that can take a slot are read, a batch at a time.
     */
    private static final String OCCUPIED = """
            select distinct date_trunc('minute', publish_date at time zone 'UTC') as minute from posts
            where organization_id = :organization and integration_id = :integration
              and parent_post_id is null and deleted_at is null
              and publish_date >= :from
              and extract(hour from publish_date at time zone 'UTC') * 60
                  + extract(minute from publish_date at time zone 'UTC') in (:times)
            order by minute
            limit :batch
            """;

    /** Occupied minutes read per statement. */
    static final int BATCH = 100;

    private final Integrations integrations;

    private final JdbcClient jdbc;

    private final Clock clock;

    PostingSlots(Integrations integrations, JdbcClient jdbc, Clock clock) {
        this.integrations = integrations;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The first of the integration's posting times (minutes after UTC midnight) strictly after now
     * whose minute no live root post of the integration takes, whatever that post's state. Empty
     * when the organization has no such integration (unknown, malformed, deleted or another's);
     * disabled integrations have slots too.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> next(UUID organizationId, String integrationId) {
        var id = Ids.parse(integrationId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        var channel = integrations.list(organizationId).stream()
                .filter(candidate -> candidate.id().equals(id.get()))
                .findFirst();
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        var times = channel.get().postingTimes().stream().distinct().sorted().toList();
        if (times.isEmpty()) {
            throw new IllegalStateException("Integration " + integrationId + " has no posting times");
        }
        var now = clock.instant();
        // Postiz searches without end and reads every future post; here slots are walked in order
        // against the occupied minutes, read in batches from the first slot on: each batch takes the
        // walk past at least one occupied slot, so it ends, and a free slot needs no more than that.
        var slot = firstSlotAfter(now, times);
        while (true) {
            var occupied = occupied(organizationId, id.get(), times, slot);
            for (var taken : occupied) {
                if (slot.isBefore(taken)) {
                    return Optional.of(slot);
                }
                // taken is this slot: every occupied minute is a posting time at or after it
                slot = nextSlot(slot, times);
            }
            if (occupied.size() < BATCH) {
                return Optional.of(slot);
            }
        }
    }

    private List<Instant> occupied(UUID organizationId, UUID integrationId, List<Integer> times, Instant from) {
        return jdbc
                .sql(OCCUPIED)
                .param("organization", organizationId)
                .param("integration", integrationId)
                .param("from", from.atOffset(ZoneOffset.UTC))
                .param("times", times)
                .param("batch", BATCH)
                .query(LocalDateTime.class)
                .list()
                .stream()
                .map(minute -> minute.toInstant(ZoneOffset.UTC))
                .toList();
    }

    /** The first posting time strictly after {@code now}; {@code times} are sorted minutes after midnight. */
    private static Instant firstSlotAfter(Instant now, List<Integer> times) {
        var midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (var minutes : times) {
            var slot = midnight.plus(minutes, ChronoUnit.MINUTES);
            if (slot.isAfter(now)) {
                return slot;
            }
        }
        return midnight.plus(1, ChronoUnit.DAYS).plus(times.get(0), ChronoUnit.MINUTES);
    }

    private static Instant nextSlot(Instant slot, List<Integer> times) {
        return firstSlotAfter(slot, times);
    }
}
