-- Request counters of the public API's rate limits: one row per organization, limited route and
-- fixed window, incremented with an atomic upsert so every server instance shares the count.
-- Rows of past windows are deleted as new windows begin.
CREATE TABLE rate_limit_windows
(
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    bucket          text        NOT NULL,
    window_start    timestamptz NOT NULL,
    hits            integer     NOT NULL,
    PRIMARY KEY (organization_id, bucket, window_start)
);

CREATE INDEX rate_limit_windows_start ON rate_limit_windows (window_start);
