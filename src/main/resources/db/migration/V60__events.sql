-- The events of every change (spec §11): a transactional outbox, written in the transaction of the
-- change it records, so an event exists if and only if its change committed.
CREATE TABLE events
(
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    type            text        NOT NULL,
    group_id        uuid,
    post_ids        uuid[]      NOT NULL,
    actor_type      text        NOT NULL,
    actor_id        text,
    actor_name      text,
    request_id      text,
    data            jsonb       NOT NULL,
    occurred_at     timestamptz NOT NULL,
    -- Insertion order: events of one group are inserted under the group's lock, so it is also their
    -- commit order. Across groups it is not (a slow transaction commits behind a later one).
    serial          bigserial   NOT NULL UNIQUE,
    -- The event's place in the change feed, given after its commit by the sequencer (one numbering
    -- run at a time, numbering only committed rows): a reader never sees a position before an
    -- earlier one has been given. Null until numbered; the feed shows numbered rows only.
    position        bigint UNIQUE
);

CREATE INDEX events_feed ON events (organization_id, position) WHERE position IS NOT NULL;
CREATE INDEX events_unnumbered ON events (serial) WHERE position IS NULL;
CREATE INDEX events_group ON events (group_id, serial) WHERE group_id IS NOT NULL;
CREATE INDEX events_posts ON events USING gin (post_ids);
CREATE INDEX events_occurred ON events (occurred_at);

-- The last position the sequencer gave; its row lock makes numbering runs one at a time, and it
-- never goes back when old events are pruned.
CREATE TABLE event_sequence
(
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_position bigint NOT NULL
);

INSERT INTO event_sequence (last_position) VALUES (0);
