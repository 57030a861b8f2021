package io.herald.posts.scheduling;

import io.herald.posts.domain.PublicationScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One Quartz job and one trigger per scheduled group, both named by the group id. Quartz's JDBC
 * store works on the application's DataSource, so these calls join the caller's transaction.
 */
@Component
class QuartzPublicationScheduler implements PublicationScheduler {

    static final String GROUP = "post-groups";

    private final Scheduler scheduler;

    private final JdbcClient jdbc;

    private final Clock clock;

    QuartzPublicationScheduler(Scheduler scheduler, JdbcClient jdbc, Clock clock) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static JobKey jobKey(UUID group) {
        return JobKey.jobKey(group.toString(), GROUP);
    }

    static TriggerKey triggerKey(UUID group) {
        return TriggerKey.triggerKey(group.toString(), GROUP);
    }

    @Override
    public void schedule(UUID group, Instant at) {
        var job = JobBuilder.newJob(PublishGroupJob.class)
                .withIdentity(jobKey(group))
                .build();
        var trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(group))
                .forJob(job)
                // A past time fires now: Quartz would treat it as a misfire and wait for its misfire
                // handler. Lateness is judged by the job, from the post's own dates.
                .startAt(Date.from(at.isBefore(clock.instant()) ? clock.instant() : at))
                // A trigger that missed its time while no node ran fires as soon as one is back.
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            scheduler.scheduleJob(job, Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not schedule group " + group, e);
        }
    }

    @Override
    public void cancel(UUID group) {
        try {
            scheduler.deleteJob(jobKey(group));
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not cancel group " + group, e);
        }
    }

    /** Looks at the trigger table itself, so a trigger of any scheduler on this database counts. */
    @Override
    public boolean isScheduled(UUID group) {
        return jdbc.sql(
                        "select exists (select 1 from qrtz_triggers where trigger_name = :name and trigger_group = :group)")
                .param("name", group.toString())
                .param("group", GROUP)
                .query(Boolean.class)
                .single();
    }

    @Override
    public String node() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The instances that checked in recently, by Quartz's own rule for a failed instance (last
     * check-in + interval + 7.5 s), with one interval more of margin. Instances of every scheduler
     * name count: a post's holder is alive whatever cluster it belongs to (instance ids are unique),
     * and nodes of two clusters on one database (as test contexts are) must not fail each other's posts.
     */
    @Override
    public Set<String> liveNodes() {
        var live = new HashSet<>(
                jdbc.sql("""
                        select instance_name from qrtz_scheduler_state
                        where last_checkin_time + 2 * checkin_interval + 7500 >= :now
                        """).param("now", clock.millis()).query(String.class).list());
        live.add(node());
        return live;
    }
}
