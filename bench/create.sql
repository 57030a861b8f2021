-- The rows of one create: 2 integrations, a root and one thread item each, in one statement.
-- run.sh fills in @ORG@, @INT1@ and @INT2@.
with ids as (select gen_random_uuid() as g, gen_random_uuid() as a, gen_random_uuid() as b,
                    gen_random_uuid() as ca, gen_random_uuid() as cb, now() + interval '30 days' as d)
insert into posts (id, organization_id, group_id, integration_id, parent_post_id, root_post_id, thread_index,
                   content, image, settings, publish_date, delay_minutes, due_at, cluster, state, creation_method, created_at, updated_at)
select a, '@ORG@'::uuid, g, '@INT1@'::uuid, null::uuid, null::uuid, 0, '<p>Hello</p>', '[]'::jsonb, '{"__type":"webhook"}'::jsonb, d, 0, d, 'herald', 'QUEUE', 'API', now(), now() from ids
union all
select ca, '@ORG@'::uuid, g, '@INT1@'::uuid, a, a, 1, 'A reply', '[]'::jsonb, '{"__type":"webhook"}'::jsonb, d, 0, null, 'herald', 'QUEUE', 'API', now(), now() from ids
union all
select b, '@ORG@'::uuid, g, '@INT2@'::uuid, null, null, 0, '<p>Hello</p>', '[]'::jsonb, '{"__type":"webhook"}'::jsonb, d, 0, d, 'herald', 'QUEUE', 'API', now(), now() from ids
union all
select cb, '@ORG@'::uuid, g, '@INT2@'::uuid, b, b, 1, 'A reply', '[]'::jsonb, '{"__type":"webhook"}'::jsonb, d, 0, null, 'herald', 'QUEUE', 'API', now(), now() from ids;
