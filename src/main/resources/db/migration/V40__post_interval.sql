-- A repeating group (Postiz's intervalInDays, the create request's inter): every post of the group
-- carries the interval, so the occurrence a publication completes can be copied, N days later, in
-- the transaction that records it. Null: the group does not repeat.
ALTER TABLE posts ADD COLUMN interval_days integer CHECK (interval_days >= 1);
