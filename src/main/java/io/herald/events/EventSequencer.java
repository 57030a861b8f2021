package io.herald.events;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed events their place in the change feed. A position is given only after an event
 * committed, by one numbering run at a time (the lock on the {@code event_sequence} row), each run
 * numbering what is committed and unnumbered, in insertion order, after every position given so
 * far. A reader therefore sees positions 1..n with no hole: a run's positions appear at once, at its
 * commit, and only after the runs before it committed. Numbering by insertion order alone (a
 * bigserial) would not do: a slow transaction commits a lower number behind a reader that already
 * passed it.
 */
@Component
class EventSequencer {

    private static final int BATCH = 1000;

    /**
     * Waits for a run in progress: its snapshot may predate events this reader committed, so skipping
     * it could answer a page without the reader's own last change (a test saw it happen).
     */
    private static final String LOCK = "select last_position from event_sequence for update";

    // A new statement after the lock, so its snapshot holds every run that committed before it.
    private static final String NUMBER = """
            with next as (
                select id, row_number() over (order by serial) as n from events
                where position is null order by serial limit :max)
            update events e set position = :last + next.n from next where e.id = next.id""";

    private static final String ADVANCE = "update event_sequence set last_position = last_position + :numbered";

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    EventSequencer(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Numbers what is committed and unnumbered, after any run in progress. */
    void number() {
        while (numberBatch() == BATCH) {
            // a backlog: go on
        }
    }

    private int numberBatch() {
        var numbered = transaction.execute(status -> {
            var last = jdbc.sql(LOCK).query(Long.class).single();
            var count = jdbc.sql(NUMBER).param("last", last).param("max", BATCH).update();
            if (count > 0) {
                jdbc.sql(ADVANCE).param("numbered", count).update();
            }
            return count;
        });
        return numbered == null ? 0 : numbered;
    }
}
