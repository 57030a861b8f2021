package io.herald.web;

import static io.herald.support.ExactJson.assertAnswer;
import static io.herald.support.ExactJson.assertProblem;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Tenant;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The limits every request meets before a route runs: the body cap on every path and method, the
 * header limit, and a value the database refuses, each in the contract of its path.
 */
@HeraldIntegrationTest
class RequestLimitsIntegrationTests {

    private static final String TOO_LARGE = """
            {"statusCode":413,"message":"Request entity too large","error":"Payload Too Large"}""";

    @LocalServerPort
    int port;

    HeraldClient client;

    @BeforeEach
    void createClient() {
        client = new HeraldClient(port);
    }

    @Test
    void refusesADeclaredBodyOverTheCapOnEveryPathAndMethod() {
        var body = "x".repeat(1024 * 1024 + 1);

        assertAnswer(client.send("DELETE", "/public/v1/posts/x", null, body), 413, TOO_LARGE);
        assertAnswer(client.send("PUT", "/public/v1/nothing", null, body), 413, TOO_LARGE);
        assertProblem(client.send("PUT", "/anything", null, body), 413, """
                {"title":"Content Too Large","status":413,"detail":"Request body is larger than 1048576 bytes",
                 "instance":"/anything"}""");
        assertProblem(client.send("PATCH", "/admin/v1/integrations/x", Tenant.ADMIN, body), 413, """
                {"title":"Content Too Large","status":413,"detail":"Request body is larger than 1048576 bytes",
                 "instance":"/admin/v1/integrations/x"}""");
    }

    @Test
    void refusesAnUndeclaredBodyOverTheCapWhileItIsRead() {
        var json = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";

        assertProblem(chunked("/admin/v1/organizations", "application/json", json), 413, """
                {"title":"Content Too Large","status":413,"detail":"Request body is too large",
                 "instance":"/admin/v1/organizations"}""");
    }

    /** Tomcat reads a POST form for its parameters itself, past the filters: to the same cap. */
    @Test
    void refusesAFormBodyOverTheCapThatTomcatWouldParse() {
        var form = "name=" + "x".repeat(1024 * 1024);

        assertProblem(chunked("/admin/v1/organizations", "application/x-www-form-urlencoded", form), 413, """
                {"title":"Content Too Large","status":413,"detail":"Request body is too large",
                 "instance":"/admin/v1/organizations"}""");
    }

    @Test
    void answersHeadersOverTheLimitWith431InTheContractOfThePath() {
        var big = "x".repeat(10 * 1024);

        assertAnswer(withHeader("/public/v1/posts", big), 431, """
                {"statusCode":431,"message":"Request Header Fields Too Large",
                 "error":"Request Header Fields Too Large"}""");
        assertProblem(withHeader("/admin/v1/organizations", big), 431, """
                {"title":"Request Header Fields Too Large","status":431}""");
    }

    @Test
    void answersAValueTheDatabaseRefusedWith400AndNothingOfTheDatabasesWords() {
        var tenant = Tenant.create(client);

        assertAnswer(client.get("/public/v1/test-failures/refused-value", tenant.apiKey()), 400, """
                {"statusCode":400,"message":"Request contains a value that cannot be stored","error":"Bad Request"}""");
        assertProblem(client.get("/admin/v1/test-failures/refused-value", Tenant.ADMIN), 400, """
                {"title":"Bad Request","status":400,"detail":"Request contains a value that cannot be stored",
                 "instance":"/admin/v1/test-failures/refused-value"}""");
    }

    private HeraldClient.Response chunked(String path, String contentType, String body) {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Authorization", Tenant.ADMIN)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build());
    }

    private HeraldClient.Response withHeader(String path, String value) {
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("X-Big", value)
                .GET()
                .build());
    }
}
