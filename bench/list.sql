-- The one SELECT of GET /public/v1/posts (Herald's own, without the customer filter), for one
-- organization and a 31-day window; run.sh fills in @ORG@, @START@ and @END@.
select p.id, p.content, p.publish_date, p.release_url, p.release_id, p.state, p.error, p.group_id,
       p.creation_method, p.settings, p.image,
       coalesce((select json_agg(json_build_object('tag',
                     json_build_object('id', t.id, 'name', t.name, 'color', t.color)) order by t.name)
                 from post_tags pt join tags t on t.id = pt.tag_id
                 where pt.post_id = p.id), '[]') as tags,
       i.id as integration_id, i.identifier, i.name as integration_name, i.picture
from posts p join integrations i on i.id = p.integration_id
where p.organization_id = '@ORG@'
  and p.parent_post_id is null and p.deleted_at is null
  and p.publish_date between '@START@' and '@END@'
order by p.publish_date, p.id;
