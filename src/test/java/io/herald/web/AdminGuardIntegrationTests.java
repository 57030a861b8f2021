package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Tenant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin token guards the admin API and actuator however the path is spelled: the container
 * decodes {@code %61} and drops {@code ;parameters} before routing, so the guard must too.
 */
@HeraldIntegrationTest
class AdminGuardIntegrationTests {

    @LocalServerPort
    int port;

    /** Each spelling's answer without the token and with it; 404 where the container routes it nowhere (a {@code %25} is a {@code %} once decoded). */
    @ParameterizedTest
    @CsvSource({
        "/admin/v1/organizations,      401, 201",
        "/%61dmin/v1/organizations,    401, 201",
        "/admin;x/v1/organizations,    401, 201",
        "/admin/v1;x/organizations,    401, 201",
        "/%2561dmin/v1/organizations,  404, 404"
    })
    void refusesAdminCallsWithoutTheTokenHoweverThePathIsSpelled(String path, int anonymous, int admin) {
        var client = new HeraldClient(port);

        var answer = client.post(path, null, "{\"name\":\"Intruder\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(anonymous);
        assertThat(answer.body()).doesNotContain("apiKey");
        assertThat(client.post(path, Tenant.ADMIN, "{\"name\":\"Guarded\"}").status())
                .isEqualTo(admin);
    }

    @ParameterizedTest
    @CsvSource({
        "/actuator/prometheus,    401, 200",
        "/%61ctuator/prometheus,  401, 200",
        "/actuator;x/prometheus,  401, 200"
    })
    void refusesActuatorWithoutTheTokenHoweverThePathIsSpelled(String path, int anonymous, int admin) {
        var client = new HeraldClient(port);

        var answer = client.get(path, null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(anonymous);
        assertThat(answer.body()).doesNotContain("jvm_");
        assertThat(client.get(path, Tenant.ADMIN).status()).isEqualTo(admin);
    }
}
