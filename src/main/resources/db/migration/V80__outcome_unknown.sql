-- A post that failed because nobody knows whether its platform got it (its publishing node died or
-- got stuck): only such a post may be connected to a release afterwards (PUT /posts/{id}/release-id).
-- Set by the abandon sweep, cleared whenever the post is queued or drafted again.
ALTER TABLE posts ADD COLUMN outcome_unknown boolean NOT NULL DEFAULT false;
