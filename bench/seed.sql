-- Seeds organizations bench-:first .. bench-:last (made through the admin API, with 5 webhook
-- integrations each) with :groups post groups each, published between 73 days ago and 657 days
-- from now (so a tenth are in the past, and PUBLISHED). A group is 3 roots on 3 of the
-- organization's integrations; every 10th group also has a thread of 2 items under its first
-- root: 3.2 posts a group, 10,000 posts an organization at 3125 groups. Queued groups get their
-- Quartz trigger, as Herald makes them. Delete candidates (queued groups of exactly 3
-- posts) go to bench_delete_herald and bench_delete_pgbench, disjoint and shuffled.
\set ON_ERROR_STOP on

CREATE TEMP TABLE seed_groups AS
SELECT o.id AS org, i.ids, g,
       gen_random_uuid() AS grp, gen_random_uuid() AS r0, gen_random_uuid() AS r1, gen_random_uuid() AS r2,
       gen_random_uuid() AS c1, gen_random_uuid() AS c2,
       date_trunc('minute', now() - interval '73 days' + random() * interval '730 days') AS publish_date
FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM organizations WHERE name LIKE 'bench-%') o
JOIN (SELECT organization_id, array_agg(id ORDER BY name) AS ids FROM integrations GROUP BY organization_id) i
  ON i.organization_id = o.id
CROSS JOIN generate_series(1, :groups) g
WHERE o.n BETWEEN :first AND :last;

INSERT INTO posts (id, organization_id, group_id, integration_id, parent_post_id, root_post_id, thread_index,
                   content, image, settings, publish_date, delay_minutes, due_at, cluster, state, release_id,
                   release_url, creation_method, published_at, created_at, updated_at)
SELECT p.id, s.org, s.grp, s.ids[((s.g + p.k) % 5) + 1], p.parent, p.root, p.idx,
       '<p>Bench post ' || s.g || '.' || p.idx || '</p>', '[]', '{"__type":"webhook"}', s.publish_date, 0,
       CASE WHEN p.idx = 0 THEN s.publish_date END, 'herald',
       CASE WHEN s.publish_date < now() THEN 'PUBLISHED' ELSE 'QUEUE' END,
       CASE WHEN s.publish_date < now() THEN p.id::text END,
       CASE WHEN s.publish_date < now() THEN 'https://example.test/' || p.id END,
       'API', CASE WHEN s.publish_date < now() THEN s.publish_date END, now(), now()
FROM seed_groups s
CROSS JOIN LATERAL (VALUES (0, s.r0, NULL::uuid, NULL::uuid, 0), (1, s.r1, NULL, NULL, 0), (2, s.r2, NULL, NULL, 0),
                           (0, s.c1, s.r0, s.r0, 1), (0, s.c2, s.c1, s.r0, 2)) AS p(k, id, parent, root, idx)
WHERE p.idx = 0 OR s.g % 10 = 0
ORDER BY s.publish_date;

INSERT INTO qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable,
                              is_nonconcurrent, is_update_data, requests_recovery, job_data)
VALUES ('herald', 'publication-alarm', 'herald', NULL, 'io.herald.posts.scheduling.PublishGroupJob', true, false, false,
        false, NULL)
ON CONFLICT DO NOTHING;

INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time,
                           prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time, calendar_name,
                           misfire_instr, job_data)
SELECT 'herald', grp::text, grp::text, 'publication-alarm', 'herald', NULL,
       (extract(epoch FROM publish_date) * 1000)::bigint, -1, 5, 'WAITING', 'SIMPLE',
       (extract(epoch FROM publish_date) * 1000)::bigint, 0, NULL, 1, NULL
FROM seed_groups WHERE publish_date >= now();

INSERT INTO qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered)
SELECT 'herald', grp::text, grp::text, 0, 0, 0 FROM seed_groups WHERE publish_date >= now();

CREATE TABLE IF NOT EXISTS bench_delete_herald (n serial PRIMARY KEY, post uuid NOT NULL);
CREATE TABLE IF NOT EXISTS bench_delete_pgbench (n serial PRIMARY KEY, post uuid NOT NULL);
INSERT INTO bench_delete_herald (post)
SELECT r0 FROM seed_groups WHERE publish_date >= now() AND g % 10 IN (1, 3, 5, 7) ORDER BY random();
INSERT INTO bench_delete_pgbench (post)
SELECT r0 FROM seed_groups WHERE publish_date >= now() AND g % 10 IN (2, 4, 6, 8) ORDER BY random();

-- Settled, as a table that autovacuum keeps: the visibility map set and the hint bits written, so
-- a measurement does not pay for the seeding (the list at 100,000 posts would otherwise be slower
-- than at 1,000,000, which autovacuum has visited by then).
VACUUM ANALYZE;
