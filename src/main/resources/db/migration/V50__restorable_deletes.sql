-- A deleted post can be restored within herald.posts.restore-window (spec §10.4); past it, a sweep
-- removes its content for good and marks the row here. A row with content_removed_at set is a
-- content-free record that is never restored.
ALTER TABLE posts ADD COLUMN content_removed_at timestamptz;

-- What the sweep looks for: deleted rows that still hold content, oldest first.
CREATE INDEX posts_deleted_with_content ON posts (deleted_at) WHERE deleted_at IS NOT NULL AND content_removed_at IS NULL;
