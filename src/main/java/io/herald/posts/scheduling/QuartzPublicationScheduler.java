package io.herald.posts.scheduling;

import io.herald.posts.publishing.PublicationScheduler;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One simple Quartz trigger per alarm, in a trigger group named by the post group's id: the
 * group's own alarm (named by the group id) for its roots, one per thread item waiting for a delay
 * (named by the item id). Every trigger fires the same durable job, which wakes this node's
 * publisher (it publishes {@code PostsDue}); Quartz fires them clustered and with misfire handling.
 *
 * <p>The rows are written and removed here with plain SQL in the caller's transaction rather than
 * through Quartz's API: the API takes Quartz's single {@code TRIGGER_ACCESS} row lock for every
 * change and holds it until the caller commits, which serialized every create and delete of the
 * cluster behind Quartz's own trigger acquisition. Quartz never needs that lock against these
 * writes: it moves a trigger between states with conditional updates, so a trigger removed here is
 * simply not fired. The one job is never removed (Quartz, having read a trigger, fails its whole
 * acquisition if the trigger's job is gone). Schedulers poll for new triggers every
 * {@code idleWaitTime} (one second), since writes made here do not wake them.
 *
 * <p>This is the one class of Herald that reads or writes Quartz's tables (the migrations aside).
 * Their layout is Quartz's private business, so {@code QuartzPublicationSchedulerContractTests}
 * runs the real Quartz against these rows: an upgrade that reads them otherwise fails the build.
 */
@Component
class QuartzPublicationScheduler implements PublicationScheduler {

    /** The job every alarm fires. */
    private static final String JOB = "publication-alarm";

    private static final String JOB_GROUP = "herald";

    private static final String SCHEDULE = """
            with job as (
                insert into qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable,
                                              is_nonconcurrent, is_update_data, requests_recovery)
                values (:scheduler, :job, :jobGroup, :jobClass, true, false, false, false)
                on conflict do nothing),
            simple as (
                insert into qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count,
                                                  repeat_interval, times_triggered)
                values (:scheduler, :alarm, :group, 0, 0, 0)
                on conflict do nothing)
            insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time,
                                       prev_fire_time, priority, trigger_state, trigger_type, start_time, end_time,
                                       misfire_instr)
            values (:scheduler, :alarm, :group, :job, :jobGroup, :fireAt, -1, 5, 'WAITING', 'SIMPLE', :fireAt, 0,
                    :misfire)
            on conflict (sched_name, trigger_name, trigger_group)
            do update set next_fire_time = excluded.next_fire_time, start_time = excluded.start_time,
                          trigger_state = 'WAITING'
            """;

    /**
     * Removes the waiting alarms that {@code %s} selects. It locks them first and skips any that is
     * locked: Quartz is taking it (it fires it, a spare wake-up, and removes it), and waiting for it
     * could deadlock, since Quartz locks the triggers it acquires in its own order.
     */
    private static final String REMOVE = """
            with alarms as (
                select sched_name, trigger_name, trigger_group from qrtz_triggers
                where sched_name = :scheduler and trigger_state = 'WAITING' and %s
                for update skip locked),
            simple as (
                delete from qrtz_simple_triggers s using alarms a
                where s.sched_name = a.sched_name and s.trigger_name = a.trigger_name
                  and s.trigger_group = a.trigger_group)
            delete from qrtz_triggers t using alarms a
            where t.sched_name = a.sched_name and t.trigger_name = a.trigger_name and t.trigger_group = a.trigger_group
            """;

    private static final String CANCEL = REMOVE.formatted("trigger_group = :group");

    private static final String SPENT = REMOVE.formatted("trigger_group in (:groups) and next_fire_time <= :now");

    private static final String ALL_SPENT = REMOVE.formatted("next_fire_time <= :now");

    private final Scheduler scheduler;

    private final JdbcClient jdbc;

    QuartzPublicationScheduler(Scheduler scheduler, JdbcClient jdbc) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
    }

    /**
     * A past time fires now, by the system clock (Quartz's): Quartz would take a past trigger for a
     * misfire and leave it to its misfire handler. How late a post is, the publisher judges. A trigger that
     * misses its time while no node runs fires as soon as one is back ({@code MISFIRE_INSTRUCTION_FIRE_NOW}).
     */
    @Override
    public void schedule(UUID group, UUID alarm, Instant at) {
        var now = Instant.now();
        jdbc.sql(SCHEDULE)
                .param("scheduler", schedulerName())
                .param("job", JOB)
                .param("jobGroup", JOB_GROUP)
                .param("alarm", alarm.toString())
                .param("group", group.toString())
                .param("jobClass", PublishGroupJob.class.getName())
                .param("fireAt", (at.isBefore(now) ? now : at).toEpochMilli())
                .param("misfire", SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW)
                .update();
    }

    /** Removes the group's waiting alarms; one Quartz is taking is left to it (see {@link #REMOVE}). */
    @Override
    public void cancel(UUID group) {
        remove(CANCEL, Map.of("group", group.toString()));
    }

    /**
     * Removes the groups' alarms whose time has passed: a node that claims posts of a group has
     * woken for them, and keeps claiming while any are due. Without this, Quartz would still fire
     * each of them, one cluster-locked round after another, long after a burst of due posts went out.
     */
    @Override
    public void spent(Collection<UUID> groups, Instant now) {
        if (!groups.isEmpty()) {
            remove(SPENT, Map.of("groups", groups.stream().map(UUID::toString).toList(), "now", now.toEpochMilli()));
        }
    }

    /**
     * Under a burst, Quartz would otherwise fire each alarm of the burst in turn, every firing a round of
     * statements under its cluster lock, while the posts they are for wait for a free sending slot anyway.
     */
    @Override
    public void allSpent(Instant now) {
        remove(ALL_SPENT, Map.of("now", now.toEpochMilli()));
    }

    private void remove(String statement, Map<String, ?> selection) {
        jdbc.sql(statement)
                .param("scheduler", schedulerName())
                .params(selection)
                .update();
    }

    @Override
    public String cluster() {
        return schedulerName();
    }

    private String schedulerName() {
        try {
            return scheduler.getSchedulerName();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }
}
