package io.herald.web;

import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Actuator as operators and orchestrators see it: open probes, everything else behind the admin token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorIntegrationTests {

    @LocalServerPort
    int port;

    HeraldClient client;

    @BeforeEach
    void setUp() {
        client = new HeraldClient(port);
    }

    @Test
    void theProbesNeedNoCredentialAndReadinessCoversTheDatabaseTheSchedulerAndThePublisher() {
        var readiness = client.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertBody(readiness.body(), """
                {"status":"UP","components":{"db":{"status":"UP"},"publisher":{"status":"UP"},
                 "publishingScheduler":{"status":"UP"},"readinessState":{"status":"UP"}}}
                """);
        var liveness = client.get("/actuator/health/liveness", null);
        assertThat(liveness.status()).isEqualTo(200);
        assertBody(liveness.body(), "{\"status\":\"UP\",\"components\":{\"livenessState\":{\"status\":\"UP\"}}}");
        var health = client.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("groups").valueStream().map(group -> group.asString()))
                .containsExactlyInAnyOrder("liveness", "readiness");
        assertThat(health.body())
                .as("no details for anonymous callers")
                .doesNotContain("PostgreSQL", "validationQuery");
    }

    @Test
    void everythingElseNeedsTheAdminToken() {
        for (var path : new String[] {"/actuator", "/actuator/prometheus", "/actuator/info"}) {
            var anonymous = client.get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
            assertThat(client.get(path, "Bearer not-the-token").status())
                    .as(path)
                    .isEqualTo(401);
            assertThat(client.get(path, Tenant.ADMIN).status()).as(path).isEqualTo(200);
        }
        assertThat(client.get("/actuator/info", Tenant.ADMIN)
                        .json()
                        .path("build")
                        .path("artifact")
                        .asString())
                .isEqualTo("herald");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        var links = client.get("/actuator", Tenant.ADMIN).json().path("_links");
        assertThat(links.propertyNames())
                .allMatch(name -> name.equals("self")
                        || name.startsWith("health")
                        || name.equals("info")
                        || name.equals("prometheus"));
        for (var path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/metrics"}) {
            assertThat(client.get(path, Tenant.ADMIN).status()).as(path).isEqualTo(404);
        }
    }
}
