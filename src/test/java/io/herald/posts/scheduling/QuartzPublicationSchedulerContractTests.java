package io.herald.posts.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.EverythingMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The adapter writes and removes Quartz's rows itself, in SQL, so this is its contract with the
 * real Quartz on Herald's schema: what it writes, Quartz's own API reads as the trigger it means
 * and Quartz fires; what it removes, Quartz neither sees nor fires. A Quartz upgrade that changes
 * its private schema, or an adapter that writes a column Quartz reads otherwise, fails here.
 */
@HeraldIntegrationTest
class QuartzPublicationSchedulerContractTests {

    private static final JobKey JOB = JobKey.jobKey("publication-alarm", "herald");

    @Autowired
    QuartzPublicationScheduler alarms;

    @Autowired
    Scheduler scheduler;

    @Autowired
    TransactionTemplate transaction;

    private final List<TriggerKey> fired = new CopyOnWriteArrayList<>();

    private final JobListenerSupport listener = new JobListenerSupport() {
        @Override
        public String getName() {
            return "contract-test";
        }

        @Override
        public void jobWasExecuted(JobExecutionContext context, org.quartz.JobExecutionException jobException) {
            fired.add(context.getTrigger().getKey());
        }
    };

    @BeforeEach
    void listen() throws Exception {
        scheduler.getListenerManager().addJobListener(listener, EverythingMatcher.allJobs());
    }

    @AfterEach
    void stopListening() throws Exception {
        scheduler.getListenerManager().removeJobListener(listener.getName());
    }

    @Test
    void anAlarmTheAdapterWritesIsTheTriggerQuartzReadsAndFires() throws Exception {
        var group = UUID.randomUUID();
        var item = UUID.randomUUID();
        var at = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        var later = at.plus(Duration.ofDays(1));
        transaction.executeWithoutResult(status -> {
            alarms.schedule(group, group, at);
            alarms.schedule(group, item, later);
        });
        var key = TriggerKey.triggerKey(group.toString(), group.toString());
        var itemKey = TriggerKey.triggerKey(item.toString(), group.toString());

        var trigger = scheduler.getTrigger(key);
        assertThat(trigger).isInstanceOf(SimpleTrigger.class);
        var simple = (SimpleTrigger) trigger;
        assertThat(simple.getJobKey()).isEqualTo(JOB);
        assertThat(simple.getNextFireTime()).isEqualTo(Date.from(at));
        assertThat(simple.getStartTime()).isEqualTo(Date.from(at));
        assertThat(simple.getRepeatCount()).isZero();
        assertThat(simple.getMisfireInstruction()).isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW);
        assertThat(scheduler.getTriggerState(key)).isEqualTo(Trigger.TriggerState.NORMAL);
        assertThat(scheduler.getTrigger(itemKey).getNextFireTime()).isEqualTo(Date.from(later));
        assertThat(scheduler.getTriggersOfJob(JOB)).extracting(Trigger::getKey).contains(key, itemKey);
        var job = scheduler.getJobDetail(JOB);
        assertThat(job.isDurable()).isTrue();
        assertThat(job.getJobClass()).isEqualTo(PublishGroupJob.class);

        await().atMost(Duration.ofSeconds(20)).until(() -> fired.contains(key));
        assertThat(Instant.now()).isAfterOrEqualTo(at);
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.getTrigger(key) == null);
        assertThat(fired).doesNotContain(itemKey);

        transaction.executeWithoutResult(status -> alarms.cancel(group));
        assertThat(scheduler.getTrigger(itemKey)).isNull();
    }

    @Test
    void anAlarmTheAdapterRemovesQuartzNeitherSeesNorFires() throws Exception {
        var removed = UUID.randomUUID();
        var kept = UUID.randomUUID();
        var now = Instant.now();
        transaction.executeWithoutResult(status -> {
            alarms.schedule(removed, removed, now.plusSeconds(1));
            alarms.schedule(kept, kept, now.plusSeconds(2));
        });
        var removedKey = TriggerKey.triggerKey(removed.toString(), removed.toString());
        var keptKey = TriggerKey.triggerKey(kept.toString(), kept.toString());
        assertThat(scheduler.getTrigger(removedKey)).isNotNull();

        transaction.executeWithoutResult(status -> alarms.cancel(removed));

        assertThat(scheduler.getTrigger(removedKey)).isNull();
        assertThat(scheduler.getTriggerState(removedKey)).isEqualTo(Trigger.TriggerState.NONE);
        assertThat(scheduler.getTriggersOfJob(JOB)).extracting(Trigger::getKey).doesNotContain(removedKey);
        await().atMost(Duration.ofSeconds(20)).until(() -> fired.contains(keptKey));
        assertThat(fired).doesNotContain(removedKey);
    }

    @Test
    void spentAlarmsAreTheDueOnesOfTheGroupsClaimed() throws Exception {
        var claimed = UUID.randomUUID();
        var other = UUID.randomUUID();
        var now = Instant.now();
        var future = now.plus(Duration.ofDays(1));
        transaction.executeWithoutResult(status -> {
            alarms.schedule(claimed, claimed, future);
            alarms.schedule(other, other, future);
        });
        var claimedKey = TriggerKey.triggerKey(claimed.toString(), claimed.toString());
        var otherKey = TriggerKey.triggerKey(other.toString(), other.toString());

        transaction.executeWithoutResult(status -> alarms.spent(List.of(claimed), now));
        assertThat(scheduler.getTrigger(claimedKey)).as("not due yet").isNotNull();

        transaction.executeWithoutResult(status -> alarms.spent(List.of(claimed), future));
        assertThat(scheduler.getTrigger(claimedKey)).isNull();
        assertThat(scheduler.getTrigger(otherKey)).isNotNull();

        transaction.executeWithoutResult(status -> alarms.cancel(other));
        assertThat(scheduler.getTrigger(otherKey)).isNull();
    }
}
