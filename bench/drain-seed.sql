-- 10,000 rows due now for bench/drain.sql.
DROP TABLE IF EXISTS bench_drain;
CREATE TABLE bench_drain (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    due_at       timestamptz NOT NULL,
    state        text NOT NULL,
    claimed_at   timestamptz,
    published_at timestamptz
);
INSERT INTO bench_drain (due_at, state) SELECT now() - interval '1 second', 'QUEUE' FROM generate_series(1, 10000);
CREATE INDEX bench_drain_due ON bench_drain (due_at) WHERE state = 'QUEUE';
VACUUM ANALYZE bench_drain;
