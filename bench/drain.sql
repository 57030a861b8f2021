-- The drain yardstick: one publication's minimal SQL, in two commits as Herald makes them (the
-- claim is durable before anything is sent): claim the earliest due queued row, skipping rows
-- other publishers hold, then record it published. bench/run.sh runs it 10,000 times over the
-- rows of bench_drain, at the bench's concurrency.
UPDATE bench_drain SET state = 'PUBLISHING', claimed_at = now()
WHERE id = (SELECT id FROM bench_drain WHERE state = 'QUEUE' AND due_at <= now()
            ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING id AS claimed \gset
UPDATE bench_drain SET state = 'PUBLISHED', published_at = now() WHERE id = :claimed;
