package io.herald.support;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every application context of the tests at {@link TestDatabase}, unless the context names
 * a datasource itself or asks for Herald's own embedded database ({@code herald.test.shared-database=false}).
 */
class TestDatabaseEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
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
