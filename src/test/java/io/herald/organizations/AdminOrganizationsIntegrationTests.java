package io.herald.organizations;

import static io.herald.support.ExactJson.assertAnswer;
import static io.herald.support.ExactJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Herald's admin API for organizations, API keys and customers, and its admin token (spec §8). */
@HeraldIntegrationTest
class AdminOrganizationsIntegrationTests {

    private static final String LIST = "/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HeraldClient client;

    @BeforeEach
    void createClient() {
        client = new HeraldClient(port);
    }

    @Test
    void createsAnOrganizationWithAKeyShownOnlyOnce() {
        var response = client.post("/admin/v1/organizations", Tenant.ADMIN, "{\"name\":\"  Acme Corp  \"}");

        var id = response.json().get("id").asString();
        var key = response.json().get("apiKey").asString();
        assertAnswer(response, 201, """
                {"id":"%s","name":"Acme Corp","apiKey":"%s"}""".formatted(id, key));
        assertThat(key).startsWith("hk_").hasSizeGreaterThanOrEqualTo(40);
        assertThat(jdbc.sql("select name from organizations where id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single())
                .isEqualTo("Acme Corp");
        assertAnswer(client.get(LIST, key), 200, """
                {"posts":[]}""");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"name\"}", "{\"name\":\"third\"}"})
    void createsFurtherKeysWithOrWithoutAName(String body) {
        var tenant = Tenant.create(client);

        var response = client.post("/admin/v1/organizations/" + tenant.id() + "/api-keys", Tenant.ADMIN, body);

        var id = response.json().get("id").asString();
        var key = response.json().get("apiKey").asString();
        assertAnswer(response, 201, """
                {"id":"%s","apiKey":"%s"}""".formatted(id, key));
        assertThat(key).isNotEqualTo(tenant.apiKey());
        assertThat(client.get(LIST, key).status()).isEqualTo(200);
    }

    @Test
    void createsAKeyWithoutABody() {
        var tenant = Tenant.create(client);

        var response = client.send("POST", "/admin/v1/organizations/" + tenant.id() + "/api-keys", Tenant.ADMIN, null);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(client.get(LIST, response.json().get("apiKey").asString()).status())
                .isEqualTo(200);
    }

    @Test
    void revokesAKey() {
        var tenant = Tenant.create(client);
        var key = tenant.createKey();

        assertAnswer(tenant.revokeKey(key.id()), 200, """
                {"id":"%s","revoked":true}""".formatted(key.id()));
        assertThat(client.get(LIST, key.apiKey()).status()).isEqualTo(401);
    }

    @Test
    void revokesOnlyTheOrganizationsOwnKeys() {
        var tenant = Tenant.create(client);
        var other = Tenant.create(client);
        var theirs = other.createKey();

        var response = tenant.revokeKey(theirs.id());

        assertProblem(response, 404, """
                {"title":"Not Found","status":404,
                 "detail":"API key %s not found in organization %s",
                 "instance":"/admin/v1/organizations/%s/api-keys/%s"}""".formatted(theirs.id(), tenant.id(), tenant.id(), theirs.id()));
        assertThat(client.get(LIST, theirs.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void createsACustomer() {
        var tenant = Tenant.create(client);

        var response = client.post(
                "/admin/v1/organizations/" + tenant.id() + "/customers", Tenant.ADMIN, "{\"name\":\"Acme\"}");

        assertAnswer(response, 201, """
                {"id":"%s","name":"Acme"}""".formatted(response.json().get("id").asString()));
    }

    @ParameterizedTest
    @CsvSource({
        "POST, /api-keys, {}",
        "POST, /customers, '{\"name\":\"Acme\"}'",
        "DELETE, /api-keys/0190a4f0-0000-7000-8000-000000000000, ''",
        "POST, /integrations, '{\"name\":\"X\",\"identifier\":\"webhook\",\"config\":{}}'"
    })
    void answersAnUnknownOrganizationWithA404Problem(String method, String suffix, String body) {
        for (var organization : new String[] {UUID.randomUUID().toString(), "not-an-id"}) {
            var path = "/admin/v1/organizations/" + organization + suffix;

            var response = client.send(method, path, Tenant.ADMIN, body.isEmpty() ? null : body);

            assertProblem(response, 404, """
                    {"title":"Not Found","status":404,"detail":"Organization %s not found","instance":"%s"}""".formatted(organization, path));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":null}"})
    void refusesAnOrganizationWithoutAName(String body) {
        assertProblem(client.post("/admin/v1/organizations", Tenant.ADMIN, body), 400, """
                {"title":"Bad Request","status":400,"detail":"name must not be blank","instance":"/admin/v1/organizations"}""");
    }

    /** Jackson's own words would name Herald's classes (`java.lang.String`, the request record). */
    @Test
    void saysWhichFieldHasTheWrongTypeWithoutNamingAClass() {
        assertProblem(client.post("/admin/v1/organizations", Tenant.ADMIN, "{\"name\":{\"a\":1}}"), 400, """
                {"title":"Bad Request","status":400,"detail":"name must be a string","instance":"/admin/v1/organizations"}""");
        assertProblem(client.post("/admin/v1/organizations", Tenant.ADMIN, "\"Acme\""), 400, """
                {"title":"Bad Request","status":400,"detail":"body must be an object","instance":"/admin/v1/organizations"}""");
        var integrations = "/admin/v1/organizations/" + Tenant.create(client).id() + "/integrations";
        assertProblem(
                client.post(
                        integrations,
                        Tenant.ADMIN,
                        "{\"name\":\"Hook\",\"identifier\":\"webhook\",\"postingTimes\":[60,\"noon\"],\"config\":{}}"),
                400,
                """
                {"title":"Bad Request","status":400,"detail":"postingTimes.1 must be a number","instance":"%s"}""".formatted(integrations));
    }

    @Test
    void refusesNamesTheDatabaseCannotStoreOrThatAreTooLong() {
        var organizations =
                jdbc.sql("select count(*) from organizations").query(Long.class).single();

        assertProblem(client.post("/admin/v1/organizations", Tenant.ADMIN, "{\"name\":\"a\\u0000b\"}"), 400, """
                {"title":"Bad Request","status":400,"detail":"name must not contain NUL or unpaired surrogate characters",
                 "instance":"/admin/v1/organizations"}""");
        assertProblem(client.post("/admin/v1/organizations", Tenant.ADMIN, "{\"name\":\"\\udfff\"}"), 400, """
                {"title":"Bad Request","status":400,"detail":"name must not contain NUL or unpaired surrogate characters",
                 "instance":"/admin/v1/organizations"}""");
        var customers = "/admin/v1/organizations/" + Tenant.create(client).id() + "/customers";
        assertProblem(
                client.post(customers, Tenant.ADMIN, "{\"name\":\"" + "x".repeat(201) + "\"}"), 400, """
                {"title":"Bad Request","status":400,"detail":"name size must be between 0 and 200","instance":"%s"}""".formatted(
                                customers));
        assertThat(jdbc.sql("select count(*) from organizations")
                        .query(Long.class)
                        .single())
                .isEqualTo(organizations + 1);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer wrong-token", "test-admin-token", "Basic test-admin-token"})
    void refusesTheAdminApiWithoutTheAdminToken(String authorization) {
        var before =
                jdbc.sql("select count(*) from organizations").query(Long.class).single();

        var response = client.post("/admin/v1/organizations", authorization, "{\"name\":\"Intruder\"}");

        assertProblem(response, 401, """
                {"title":"Unauthorized","status":401,
                 "detail":"A valid admin token is required: Authorization: Bearer <token>",
                 "instance":"/admin/v1/organizations"}""");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(jdbc.sql("select count(*) from organizations")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void refusesAnApiKeyAsAdminToken() {
        var tenant = Tenant.create(client);

        var response =
                client.post("/admin/v1/organizations/" + tenant.id() + "/api-keys", "Bearer " + tenant.apiKey(), "{}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesTheAdminTokenAsApiKey() {
        assertAnswer(client.get(LIST, Tenant.ADMIN), 401, """
                {"msg":"Invalid API key"}""");
    }
}
