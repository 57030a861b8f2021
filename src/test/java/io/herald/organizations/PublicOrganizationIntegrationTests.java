package io.herald.organizations;

import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.PublicSurfaceTest;
import io.herald.support.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@PublicSurfaceTest
class PublicOrganizationIntegrationTests {

    @LocalServerPort
    int port;

    HeraldClient client;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
    }

    @Test
    void isConnectedConfirmsAValidKey() {
        var response = tenant.get("/public/v1/is-connected");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertBody(response.body(), "{\"connected\":true}");
    }

    @Test
    void isConnectedRefusesAMissingOrInvalidKey() {
        var missing = client.get("/public/v1/is-connected", null);
        var invalid = client.get("/public/v1/is-connected", "Bearer nope");

        assertThat(missing.status()).isEqualTo(401);
        assertBody(missing.body(), "{\"msg\":\"No API Key found\"}");
        assertThat(invalid.status()).isEqualTo(401);
        assertBody(invalid.body(), "{\"msg\":\"Invalid API key\"}");
    }

    @Test
    void groupsListsTheOrganizationsCustomersByName() {
        var zeta = tenant.customer("Zeta");
        var acme = tenant.customer("Acme");
        Tenant.create(client).customer("Foreign");

        var response = tenant.get("/public/v1/groups");

        assertThat(response.status()).isEqualTo(200);
        assertBody(response.body(), """
                [{"id":"%s","name":"Acme"},{"id":"%s","name":"Zeta"}]
                """.formatted(acme, zeta));
    }

    @Test
    void groupsIsAnEmptyArrayWithoutCustomers() {
        var response = tenant.get("/public/v1/groups");

        assertThat(response.status()).isEqualTo(200);
        assertBody(response.body(), "[]");
    }

    @Test
    void groupsRefusesAMissingKey() {
        var response = client.get("/public/v1/groups", null);

        assertThat(response.status()).isEqualTo(401);
        assertBody(response.body(), "{\"msg\":\"No API Key found\"}");
    }
}
