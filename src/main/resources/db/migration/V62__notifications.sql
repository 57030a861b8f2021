-- Postiz's notifications (spec §11): what an organization should hear about (failed and published
-- posts, channels to connect again, disabled webhooks), written in the transaction of what they say.
CREATE TABLE notifications
(
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    content         text        NOT NULL,
    link            text,
    created_at      timestamptz NOT NULL
);

CREATE INDEX notifications_newest ON notifications (organization_id, created_at DESC, id DESC);
