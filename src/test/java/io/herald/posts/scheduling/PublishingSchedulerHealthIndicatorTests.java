package io.herald.posts.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.boot.health.contributor.Status;

class PublishingSchedulerHealthIndicatorTests {

    @Test
    void isUpOnlyWhileTheSchedulerRuns() throws Exception {
        var scheduler = memoryScheduler();
        var health = new PublishingSchedulerHealthIndicator(scheduler);
        try {
            assertThat(health.health().getStatus()).as("created").isEqualTo(Status.DOWN);
            scheduler.start();
            assertThat(health.health().getStatus()).as("started").isEqualTo(Status.UP);
            scheduler.standby();
            assertThat(health.health().getStatus()).as("standby").isEqualTo(Status.DOWN);
            scheduler.start();
            assertThat(health.health().getStatus()).as("started again").isEqualTo(Status.UP);
        } finally {
            scheduler.shutdown();
        }
        assertThat(health.health().getStatus()).as("shut down").isEqualTo(Status.DOWN);
    }

    private static Scheduler memoryScheduler() throws Exception {
        var properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "health-test");
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return new StdSchedulerFactory(properties).getScheduler();
    }
}
