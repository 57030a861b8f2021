package io.herald.support;

import io.herald.HeraldApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One more Herald server in this JVM, on its own random port and the shared test database. Quartz
 * keeps a JVM-wide registry of data sources by scheduler name, so two instances alive at once in
 * one JVM must have different names ({@link #cluster(String)}; every test context gets a unique one
 * by default, see {@link TestDatabaseEnvironment}); nodes of one cluster run in separate processes.
 */
public final class HeraldInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private HeraldInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts an instance with these {@code name=value} settings, which win over every other source. */
    public static HeraldInstance start(String... properties) {
        var arguments = new ArrayList<>(List.of("--server.port=0"));
        for (var property : properties) {
            arguments.add("--" + property);
        }
        return new HeraldInstance(
                new SpringApplicationBuilder(HeraldApplication.class).run(arguments.toArray(String[]::new)));
    }

    /** The property that puts an instance in the Quartz cluster {@code name}. */
    public static String cluster(String name) {
        return "spring.quartz.properties.org.quartz.scheduler.instanceName=" + name;
    }

    public int port() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public HeraldClient client() {
        return new HeraldClient(port());
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
