-- The answers of requests sent with an Idempotency-Key (spec §10.5), per organization, kept 24 h:
-- a row without a status is a request still running; every node sees the same rows.
CREATE TABLE idempotency_keys
(
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    key             text        NOT NULL,
    fingerprint     text        NOT NULL,
    status          integer,
    content_type    text,
    body            bytea,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (organization_id, key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
