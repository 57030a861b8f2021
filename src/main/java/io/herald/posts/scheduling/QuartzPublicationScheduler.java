package io.herald.posts.scheduling;

import io.herald.posts.domain.PublicationScheduler;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.stereotype.Component;

/**
 * One Quartz job and one trigger per scheduled group, both named by the group id. Quartz's JDBC
 * store works on the application's DataSource, so these calls join the caller's transaction.
 */
@Component
class QuartzPublicationScheduler implements PublicationScheduler {

    static final String GROUP = "post-groups";

    private final Scheduler scheduler;

    QuartzPublicationScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
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
                .startAt(Date.from(at))
                // A trigger that missed its time while no node ran fires as soon as one is back;
                // the job then decides whether the post is still worth sending.
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
}
