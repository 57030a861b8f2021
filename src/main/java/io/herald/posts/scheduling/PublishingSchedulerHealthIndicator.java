package io.herald.posts.scheduling;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code publishingScheduler} in the readiness group: this node publishes only while its Quartz
 * scheduler is started and neither in standby nor shut down.
 */
@Component
class PublishingSchedulerHealthIndicator implements HealthIndicator {

    private final Scheduler scheduler;

    PublishingSchedulerHealthIndicator(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Health health() {
        try {
            if (scheduler.isShutdown()) {
                return Health.down().withDetail("scheduler", "shut down").build();
            }
            if (!scheduler.isStarted() || scheduler.isInStandbyMode()) {
                return Health.down()
                        .withDetail("scheduler", "not started or in standby")
                        .build();
            }
            return Health.up().build();
        } catch (SchedulerException e) {
            return Health.down(e).build();
        }
    }
}
