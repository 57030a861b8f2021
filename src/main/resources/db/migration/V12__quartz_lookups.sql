-- Quartz binds trigger times as NUMERIC. Against a BIGINT column PostgreSQL casts the column, so
-- no index can bound the range: every trigger acquisition and misfire check read every trigger,
-- once a second, under Quartz's cluster lock. As NUMERIC the column is compared as it is indexed.
ALTER TABLE qrtz_triggers ALTER COLUMN next_fire_time TYPE NUMERIC(13);

-- Herald's alarms all fire one job, each post group's in a trigger group of its own, and Herald
-- never asks Quartz for jobs requesting recovery. Indexes led by a column that holds one value
-- match every row, and the planner, which chose them while the tables were nearly empty, kept
-- using them for exact lookups (the foreign key check of every new trigger read the whole job
-- table). The group index (idx_qrtz_t_g) stays: it finds a post group's alarms.
DROP INDEX idx_qrtz_j_grp;
DROP INDEX idx_qrtz_j_req_recovery;
DROP INDEX idx_qrtz_t_j;
DROP INDEX idx_qrtz_t_jg;
DROP INDEX idx_qrtz_t_n_g_state;
DROP INDEX idx_qrtz_ft_j_g;
DROP INDEX idx_qrtz_ft_jg;

-- Alarms written before this version (one job per post group, in the group 'post-groups') need
-- no move: they wake the publisher the same way and Quartz removes each once it has fired.

