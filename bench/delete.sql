-- One transaction: find the post's group and organization by id, mark the group's unpublished
-- rows deleted. Each transaction takes the next candidate of bench_delete_pgbench.
with target as (
    select group_id, organization_id from posts
    where id = (select post from bench_delete_pgbench
                where n = (select nextval('bench_delete_pgbench_cursor'))))
update posts p set deleted_at = now(), updated_at = now()
from target
where p.group_id = target.group_id and p.organization_id = target.organization_id
  and p.state <> 'PUBLISHED' and p.deleted_at is null;
