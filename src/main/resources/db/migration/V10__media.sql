-- Files uploaded through POST /public/v1/upload. The bytes live in the media directory under
-- `name` (random, unguessable, with the extension of the detected type); this row is their record.
CREATE TABLE media
(
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    name            text        NOT NULL UNIQUE,
    original_name   text        NOT NULL,
    content_type    text        NOT NULL,
    size_bytes      bigint      NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE INDEX media_organization ON media (organization_id, created_at);
