package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Tenant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin token guards the admin API and actuator however the path is spelled: the container
 * decodes {@code %61} and drops {@code ;parameters} before routing, so the guard must too.
 */
@HeraldIntegrationTest
class AdminGuardIntegrationTests {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/admin/v1/organizations",
                "/%61dmin/v1/organizations",
                "/admin;x/v1/organizations",
                "/admin/v1;x/organizations",
                "/%2561dmin/v1/organizations"
            })
    void refusesAdminCallsWithoutTheTokenHoweverThePathIsSpelled(String path) {
        var client = new HeraldClient(port);

        var answer = client.post(path, null, "{\"name\":\"Intruder\"}");

        assertThat(answer.status()).as(answer.body()).isIn(401, 404);
        assertThat(answer.body()).doesNotContain("apiKey");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/prometheus", "/%61ctuator/prometheus", "/actuator;x/prometheus"})
    void refusesActuatorWithoutTheTokenHoweverThePathIsSpelled(String path) {
        var client = new HeraldClient(port);

        var answer = client.get(path, null);

        assertThat(answer.status()).as(answer.body()).isIn(401, 404);
        assertThat(answer.body()).doesNotContain("jvm_");
        assertThat(client.get(path, Tenant.ADMIN).status()).isIn(200, 404);
    }
}
