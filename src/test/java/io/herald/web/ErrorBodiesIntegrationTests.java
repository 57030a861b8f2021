package io.herald.web;

import static io.herald.support.ExactJson.assertAnswer;
import static io.herald.support.ExactJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.FailingRoutes;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The errors no route maps itself: unknown routes, wrong methods, unexpected failures and an
 * unavailable database, in Postiz's Nest-style body under /public/v1 and as RFC 9457 problems
 * elsewhere (spec §2, §7).
 */
@HeraldIntegrationTest
class ErrorBodiesIntegrationTests {

    @LocalServerPort
    int port;

    HeraldClient client;

    Tenant tenant;

    @BeforeEach
    void createTenant() {
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
    }

    @ParameterizedTest
    @CsvSource({
        "GET,    /public/v1/nope",
        "POST,   /public/v1/nope",
        "GET,    /public/v1/posts/x/y",
        "PUT,    /public/v1/nope/deeper",
        "GET,    /public/v1",
        "GET,    /public/v1/",
        "DELETE, /public/v1/post/123"
    })
    void answersAnUnknownRouteWithNestsBodyWhetherOrNotAKeyWasSent(String method, String path) {
        var expected = """
                {"statusCode":404,"message":"Cannot %s %s","error":"Not Found"}""".formatted(method, path);
        var body = method.equals("GET") || method.equals("DELETE") ? null : "{}";

        assertAnswer(client.send(method, path, null, body), 404, expected);
        assertAnswer(client.send(method, path, "hk_invalid", body), 404, expected);
        assertAnswer(client.send(method, path, tenant.apiKey(), body), 404, expected);
    }

    @Test
    void answersTheExactUnknownRouteOfTheContract() {
        assertAnswer(client.get("/public/v1/nope", null), 404, """
                {"statusCode":404,"message":"Cannot GET /public/v1/nope","error":"Not Found"}""");
    }

    @ParameterizedTest
    @CsvSource({
        "PUT,    /public/v1/posts",
        "PATCH,  /public/v1/posts",
        "DELETE, /public/v1/posts",
        "PUT,    /public/v1/posts/0190a4f0-0000-7000-8000-000000000000",
        "POST,   /public/v1/posts/group/0190a4f0-0000-7000-8000-000000000000"
    })
    void answersAWrongMethodOnAKnownRouteWith405InTheSameShape(String method, String path) {
        var expected = """
                {"statusCode":405,"message":"Cannot %s %s","error":"Method Not Allowed"}""".formatted(method, path);
        var body = method.equals("DELETE") || method.equals("GET") ? null : "{}";

        assertAnswer(client.send(method, path, tenant.apiKey(), body), 405, expected);
        assertAnswer(client.send(method, path, null, body), 405, expected);
    }

    @Test
    void answersAnUnexpectedFailureWith500AndNothingOfItsCause() {
        var response = client.get("/public/v1/test-failures/unexpected", tenant.apiKey());

        assertAnswer(response, 500, """
                {"statusCode":500,"message":"Internal server error","error":"Internal Server Error"}""");
        assertNothingLeaks(response);
    }

    @Test
    void answersAnUnavailableDatabaseWith503InTheSameShape() {
        var response = client.get("/public/v1/test-failures/database", tenant.apiKey());

        assertAnswer(response, 503, """
                {"statusCode":503,"message":"Service unavailable","error":"Service Unavailable"}""");
        assertNothingLeaks(response);
    }

    @Test
    void answersAnUnsupportedQueryOfAKnownRouteInNestsShape() {
        // the CLI sends Content-Type: application/json on GET and DELETE too; that must not matter
        var response =
                client.send(HttpRequest.newBuilder(URI.create(client.base() + "/public/v1/posts?startDate=2030-05-01"))
                        .header("Authorization", tenant.apiKey())
                        .header("Content-Type", "application/json")
                        .GET()
                        .build());

        assertAnswer(response, 400, """
                {"statusCode":400,"message":["endDate must be a valid ISO 8601 date string"],"error":"Bad Request"}""");
    }

    @Test
    void answersErrorsOutsideThePublicApiAsProblems() {
        var unexpected = client.get("/admin/v1/test-failures/unexpected", Tenant.ADMIN);
        var database = client.get("/admin/v1/test-failures/database", Tenant.ADMIN);
        var unknown = client.get("/admin/v1/nope", Tenant.ADMIN);
        var wrongMethod = client.send("PUT", "/admin/v1/organizations", Tenant.ADMIN, "{}");

        assertProblem(unexpected, 500, """
                {"title":"Internal Server Error","status":500,"detail":"Internal server error",
                 "instance":"/admin/v1/test-failures/unexpected"}""");
        assertNothingLeaks(unexpected);
        assertProblem(database, 503, """
                {"title":"Service Unavailable","status":503,"detail":"The database is unavailable",
                 "instance":"/admin/v1/test-failures/database"}""");
        assertNothingLeaks(database);
        assertProblem(unknown, 404, """
                {"title":"Not Found","status":404,"detail":"No such route","instance":"/admin/v1/nope"}""");
        assertProblem(wrongMethod, 405, """
                {"title":"Method Not Allowed","status":405,
                 "detail":"Method PUT is not supported here","instance":"/admin/v1/organizations"}""");
    }

    @Test
    void answersAnUnknownRouteOutsideEveryApiAsAProblem() {
        assertProblem(client.get("/nope", null), 404, """
                {"title":"Not Found","status":404,"detail":"No such route","instance":"/nope"}""");
    }

    @Test
    void guardsActuatorButItsHealthWithTheAdminTokenAsAProblem() {
        var health = client.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertProblem(client.get("/actuator", "Bearer wrong"), 401, """
                {"title":"Unauthorized","status":401,
                 "detail":"A valid admin token is required: Authorization: Bearer <token>","instance":"/actuator"}""");
    }

    private static void assertNothingLeaks(HeraldClient.Response response) {
        assertThat(response.body())
                .doesNotContain("hunter2", "select", "Exception", "io.herald", "SQL", "at ", "trace", "Could not open");
        assertThat(response.body()).doesNotContain(FailingRoutes.SECRET_DETAIL);
    }
}
