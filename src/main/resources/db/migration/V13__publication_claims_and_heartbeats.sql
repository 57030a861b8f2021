-- Every claim of a post writes a fresh claim id; recording the outcome, failing the post and
-- freeing the next thread item match it, so a send whose claim was given up (stuck, its node
-- declared dead, the group queued again) can never record over a newer claim of the same post.
ALTER TABLE posts ADD COLUMN claim_id uuid;

-- The publishers of each cluster, one row a node, refreshed every heartbeat interval with the
-- database's clock (now()), never a node's own: a node whose beat is older than the failure
-- threshold is declared dead by a survivor, which deletes its row and fails its posts in the same
-- transaction. A node claims only while its row is there and fresh.
CREATE TABLE publishing_nodes
(
    cluster   text        NOT NULL,
    node      text        NOT NULL,
    joined_at timestamptz NOT NULL,
    beat_at   timestamptz NOT NULL,
    PRIMARY KEY (cluster, node)
);

-- Posts held by a publisher, by cluster: what the recovery sweep and a node releasing its unsent
-- claims look at (replaces the index by node alone, which did not know the cluster).
CREATE INDEX posts_publishing_cluster ON posts (cluster, publishing_node) WHERE state = 'PUBLISHING';
DROP INDEX posts_publishing;
