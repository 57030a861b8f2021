package io.herald.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every application context of the tests at {@link TestDatabase}, unless the context names
 * a datasource itself or asks for Herald's own embedded database ({@code herald.test.shared-database=false}).
 *
 * <p>Each context also gets a Quartz scheduler name of its own unless it chose one: Quartz registers
 * the data source of a scheduler JVM-wide under the scheduler's name, so two live contexts sharing
 * a name would share (and close) each other's connection pool.
 */
class TestDatabaseEnvironment implements EnvironmentPostProcessor {

    private static final String SCHEDULER_NAME = "spring.quartz.properties.org.quartz.scheduler.instanceName";

    private static final AtomicInteger contexts = new AtomicInteger();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("herald".equals(environment.getProperty(SCHEDULER_NAME))) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "herald-test-scheduler",
                            Map.of(
                                    SCHEDULER_NAME,
                                    "herald-test-" + ProcessHandle.current().pid() + "-"
                                            + contexts.incrementAndGet())));
        }
        if (environment.containsProperty("spring.datasource.url")
                || !environment.getProperty("herald.test.shared-database", Boolean.class, true)) {
            return;
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "herald-test-database",
                        Map.of("spring.datasource.url", TestDatabase.url(), "spring.datasource.username", "postgres")));
    }
}
