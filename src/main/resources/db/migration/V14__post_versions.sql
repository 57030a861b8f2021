-- Every change of a post row bumps its version (all of them are PostStore's statements); a
-- group's version is the sum over its rows, deleted ones included, so it grows with every change
-- of the group, new posts included, and needs no clock. Clients see it as the ETag of a post
-- (If-Match on PATCH and DELETE).
ALTER TABLE posts ADD COLUMN version bigint NOT NULL DEFAULT 1;
