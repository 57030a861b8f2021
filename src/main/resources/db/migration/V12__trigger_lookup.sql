-- Whether a group has a trigger, whatever scheduler made it: the recovery sweep asks this by name.
CREATE INDEX qrtz_triggers_by_name ON qrtz_triggers (trigger_name, trigger_group);
