package io.herald;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the compose files promise that starting them does not show: every environment variable they
 * give Herald binds to a real setting (by Spring's relaxed binding, against the settings' metadata,
 * and reaches it through the application's own property sources), where a misspelt one would just
 * be ignored; start order is gated on health; uploads live on a volume; Docker waits longer than
 * Herald's shutdown grace; the cluster's nodes are alike, on one database and one uploads volume.
 * That the image builds and the deployments work is CI's to show: its workflow builds the image,
 * starts both compose files and runs {@code deploy/smoke.sh} against them.
 */
class DeploymentFilesTests {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?([-?])([^}]*))?}");

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.cluster.yml"})
    void everyEnvironmentVariableGivenToHeraldBindsToASetting(String file) throws IOException {
        var settings = settings();
        for (var service : heraldServices(compose(file)).entrySet()) {
            var variables = environment(service.getValue());
            assertThat(variables)
                    .as("%s %s", file, service.getKey())
                    .containsKeys(
                            "SPRING_DATASOURCE_URL",
                            "SPRING_DATASOURCE_USERNAME",
                            "SPRING_DATASOURCE_PASSWORD",
                            "HERALD_ADMIN_TOKEN",
                            "HERALD_PUBLIC_URL",
                            "HERALD_MEDIA_DIRECTORY");
            var bound = environmentOf(variables);
            for (var variable : variables.entrySet()) {
                var targets = settingsBoundBy(variable.getKey(), settings);
                assertThat(targets)
                        .as("%s %s: %s binds to no setting of Herald", file, service.getKey(), variable.getKey())
                        .isNotEmpty();
                for (var target : targets) {
                    assertThat(bound.getProperty(target))
                            .as("%s %s: %s as seen by the application", file, service.getKey(), target)
                            .isEqualTo(variable.getValue());
                }
            }
        }
    }

    @Test
    void readableEnvironmentNamesReachTheirSettings() throws IOException {
        var settings = settings();
        assertThat(settingsBoundBy("HERALD_PUBLIC_URL", settings)).containsExactly("herald.public-url");
        assertThat(settingsBoundBy("HERALD_PUBLICURL", settings)).containsExactly("herald.public-url");
        assertThat(settingsBoundBy("HERALD_RATE_LIMIT_POSTS_PER_HOUR", settings))
                .containsExactly("herald.rate-limit.posts-per-hour");
        assertThat(settingsBoundBy("HERALD_PUBLISHING_SHUTDOWN_GRACE", settings))
                .containsExactly("herald.publishing.shutdown-grace");
        assertThat(settingsBoundBy("HERALD_PUBLIC_ADDRESS", settings)).isEmpty();
        var environment = environmentOf(Map.of("HERALD_PUBLISHING_SHUTDOWN_GRACE", "7s"));
        assertThat(environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase"))
                .as("the grace bounds Spring's shutdown phases too")
                .isEqualTo("7s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.cluster.yml"})
    void heraldStartsOnceTheDatabaseIsHealthyAndKeepsUploadsOnAVolume(String file) throws IOException {
        var compose = compose(file);
        var services = services(compose);
        var postgres = services.get("postgres");
        assertThat((String) postgres.get("image")).startsWith("postgres:17");
        assertThat(map(postgres.get("healthcheck")).get("test").toString()).contains("pg_isready");
        assertThat(strings(postgres.get("volumes"))).anyMatch(volume -> volume.endsWith(":/var/lib/postgresql/data"));
        for (var herald : heraldServices(compose).entrySet()) {
            var dependsOn = map(herald.getValue().get("depends_on"));
            assertThat(map(dependsOn.get("postgres")).get("condition"))
                    .as(herald.getKey())
                    .isEqualTo("service_healthy");
            var media = environment(herald.getValue()).get("HERALD_MEDIA_DIRECTORY");
            assertThat(strings(herald.getValue().get("volumes")))
                    .as(herald.getKey())
                    .contains("media:" + media);
            assertThat(duration(herald.getValue().get("stop_grace_period")))
                    .as("%s: Docker must wait longer than Herald's shutdown grace", herald.getKey())
                    .isGreaterThan(duration(environment(herald.getValue()).get("HERALD_PUBLISHING_SHUTDOWN_GRACE")));
        }
        assertThat(map(compose.get("volumes")).keySet()).contains("media", "postgres-data");
    }

    @Test
    void theClusterRunsTwoNodesOnOneDatabaseAndOneMediaVolumeBehindTheProxy() throws IOException {
        var compose = compose("docker-compose.cluster.yml");
        var nodes = heraldServices(compose);
        assertThat(nodes).hasSize(2);
        assertThat(nodes.values().stream()
                        .map(DeploymentFilesTests::environment)
                        .distinct())
                .as("the nodes are configured alike")
                .hasSize(1);
        var proxy = services(compose).get("proxy");
        assertThat((String) proxy.get("image")).startsWith("nginx:");
        assertThat(map(proxy.get("depends_on")).keySet()).containsExactlyInAnyOrderElementsOf(nodes.keySet());
        var config = strings(proxy.get("volumes")).get(0);
        var nginx = Files.readString(Path.of(config.substring(0, config.indexOf(':'))));
        for (var node : nodes.keySet()) {
            assertThat(nginx).contains("server " + node + ":8080");
        }
        assertThat(nginx).contains("proxy_set_header X-Request-Id");
    }

    /** The settings whose value {@code variable} provides, by Spring's relaxed binding of environment variables. */
    private static Set<String> settingsBoundBy(String variable, Set<String> settings) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x")));
        var bound = new TreeSet<String>();
        for (var setting : settings) {
            if (source.getConfigurationProperty(ConfigurationPropertyName.of(setting)) != null) {
                bound.add(setting);
            }
        }
        return bound;
    }

    /** Every documented setting: Herald's and the libraries' configuration metadata. */
    private static Set<String> settings() throws IOException {
        var json = JsonMapper.builder().build();
        var names = new TreeSet<String>();
        for (var resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
            try (var in = resource.getInputStream()) {
                json.readTree(in)
                        .path("properties")
                        .forEach(property -> names.add(property.path("name").asString()));
            }
        }
        assertThat(names).contains("herald.public-url", "spring.datasource.url", "herald.publishing.shutdown-grace");
        return names;
    }

    /** The application's property sources, with {@code variables} as the whole process environment. */
    private static StandardEnvironment environmentOf(Map<String, String> variables) throws IOException {
        var environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
        for (var source : new PropertiesPropertySourceLoader()
                .load("application.properties", new ClassPathResource("application.properties"))) {
            sources.addLast(source);
        }
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static Map<String, Object> compose(String file) throws IOException {
        try (var reader = Files.newBufferedReader(Path.of(file))) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    /** The services that run Herald's image. */
    private static Map<String, Map<String, Object>> heraldServices(Map<String, Object> compose) {
        var herald = new LinkedHashMap<String, Map<String, Object>>();
        services(compose).forEach((name, service) -> {
            if (String.valueOf(service.get("image")).startsWith("herald")) {
                herald.put(name, service);
            }
        });
        assertThat(herald).isNotEmpty();
        return herald;
    }

    /** The service's environment with compose's {@code ${VAR:-default}} and {@code ${VAR:?error}} resolved. */
    private static Map<String, String> environment(Map<String, Object> service) {
        var variables = new LinkedHashMap<String, String>();
        if (service.get("environment") instanceof Map<?, ?> map) {
            map.forEach((name, value) -> variables.put(name.toString(), resolve(String.valueOf(value))));
        } else if (service.get("environment") instanceof List<?> list) {
            for (var entry : list) {
                var text = entry.toString();
                variables.put(text.substring(0, text.indexOf('=')), resolve(text.substring(text.indexOf('=') + 1)));
            }
        }
        return variables;
    }

    private static String resolve(String value) {
        var matcher = INTERPOLATION.matcher(value);
        var resolved = new StringBuilder();
        while (matcher.find()) {
            var replacement = "-".equals(matcher.group(2)) ? matcher.group(3) : "value-of-" + matcher.group(1);
            matcher.appendReplacement(resolved, replacement);
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static Duration duration(Object value) {
        return DurationStyle.detectAndParse(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }
}
