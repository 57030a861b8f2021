-- find-slot reads an integration's future root posts from a point in time on, a batch at a time.
CREATE INDEX posts_integration_slots ON posts (integration_id, publish_date)
    WHERE parent_post_id IS NULL AND deleted_at IS NULL;
