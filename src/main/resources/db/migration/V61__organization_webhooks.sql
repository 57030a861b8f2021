-- Organization webhooks (spec §11): subscriptions to event types, the deliveries the events fan out
-- to (written in the event's transaction: the outbox), and every attempt at one.
CREATE TABLE organization_webhooks
(
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    url             text        NOT NULL,
    secret          text        NOT NULL,
    event_types     text[]      NOT NULL,
    created_at      timestamptz NOT NULL,
    -- Turned off after its deliveries kept failing past the give-up time; nothing is sent any more.
    disabled_at     timestamptz,
    disabled_reason text
);

CREATE INDEX organization_webhooks_organization ON organization_webhooks (organization_id);

CREATE TABLE webhook_deliveries
(
    -- The event's id: what X-Herald-Delivery carries on every attempt.
    event_id        uuid        NOT NULL,
    webhook_id      uuid        NOT NULL REFERENCES organization_webhooks (id) ON DELETE CASCADE,
    event_type      text        NOT NULL,
    group_id        uuid,
    -- The event's insertion order: a group's deliveries go out in it, one at a time.
    event_serial    bigint      NOT NULL,
    body            text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    -- A relay holds the delivery until then; a relay that died lets it go when it passes.
    leased_until    timestamptz,
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    PRIMARY KEY (webhook_id, event_id)
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_deliveries_group ON webhook_deliveries (webhook_id, group_id, event_serial)
    WHERE state = 'PENDING';

CREATE TABLE webhook_attempts
(
    id           bigserial PRIMARY KEY,
    webhook_id   uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    attempted_at timestamptz NOT NULL,
    -- delivered (2xx), failed (any other answer, or none)
    outcome      text        NOT NULL,
    status_code  integer,
    error        text,
    FOREIGN KEY (webhook_id, event_id) REFERENCES webhook_deliveries (webhook_id, event_id) ON DELETE CASCADE
);

CREATE INDEX webhook_attempts_delivery ON webhook_attempts (webhook_id, event_id, id);
