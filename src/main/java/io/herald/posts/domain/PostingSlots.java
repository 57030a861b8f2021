package io.herald.posts.domain;

import io.herald.integrations.Integrations;
import io.herald.kernel.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Free posting times of an integration (Postiz's find-slot). */
@Service
public class PostingSlots {

    private static final String OCCUPIED = """
            select publish_date from posts
            where organization_id = :organization and integration_id = :integration
              and parent_post_id is null and deleted_at is null
              and publish_date > :now
            """;

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
        var occupied = new HashSet<Instant>();
        jdbc.sql(OCCUPIED)
                .param("organization", organizationId)
                .param("integration", id.get())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query(OffsetDateTime.class)
                .list()
                .forEach(date -> occupied.add(date.toInstant().truncatedTo(ChronoUnit.MINUTES)));
        // Postiz searches without end; here each future post takes at most one slot, so one of the
        // first occupied.size() + 1 slots after now is free: that many days (plus today) bound the search.
        var day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        var lastDay = day.plusDays(occupied.size() / times.size() + 1);
        for (; !day.isAfter(lastDay); day = day.plusDays(1)) {
            var midnight = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            for (var minutes : times) {
                var slot = midnight.plus(minutes, ChronoUnit.MINUTES);
                if (slot.isAfter(now) && !occupied.contains(slot)) {
                    return Optional.of(slot);
                }
            }
        }
        throw new IllegalStateException("No free slot found for integration " + integrationId);
    }
}
