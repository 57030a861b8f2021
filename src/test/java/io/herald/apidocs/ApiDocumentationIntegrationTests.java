package io.herald.apidocs;

import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.Tenant;
import io.herald.web.PublicApi;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The API documents list every route the server has, with the credentials and the error bodies the
 * routes really answer; Swagger UI serves them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocumentationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    HeraldClient client;

    @BeforeEach
    void setUp() {
        client = new HeraldClient(port);
    }

    @Test
    void thePublicDocumentHasEveryPublicRouteWithTheApiKeyAndTheErrorsEveryRouteCanAnswer() {
        var document = document("public");
        var routes = routes(PublicApi.PATH);
        assertThat(routes)
                .contains("POST /public/v1/posts", "DELETE /public/v1/posts/{id}", "GET /public/v1/integrations");

        assertThat(operations(document)).containsExactlyInAnyOrderElementsOf(routes);
        assertBody(document.path("components").path("securitySchemes").toString(), """
                {"apiKey":{"type":"apiKey","description":"The organization's API key, raw (Postiz style)",
                           "name":"Authorization","in":"header"}}
                """);
        assertBody(document.path("security").toString(), "[{\"apiKey\":[]}]");
        for (var route : routes) {
            var operation = operation(document, route);
            assertThat(operation.path("responses").propertyNames()).as(route).contains("401", "500", "503");
            assertThat(operation.path("parameters").findValuesAsString("name"))
                    .as("%s: the caller's organization comes from the key, not from a parameter", route)
                    .doesNotContain("caller");
        }
        assertThat(operation(document, "POST /public/v1/posts")
                        .path("responses")
                        .propertyNames())
                .contains("201", "400", "413", "429");
        assertThat(operation(document, "DELETE /public/v1/posts/{id}")
                        .path("responses")
                        .propertyNames())
                .contains("403", "404", "409");
        assertThat(operation(document, "POST /public/v1/posts")
                        .path("requestBody")
                        .path("required")
                        .asBoolean())
                .isTrue();
    }

    /** Safe deletion (spec §10): its routes, the dry-run flag, If-Match and their answers. */
    @Test
    void thePublicDocumentDescribesSafeDeletion() {
        var document = document("public");

        assertThat(operations(document))
                .contains(
                        "POST /public/v1/posts/bulk-delete",
                        "POST /public/v1/posts/{id}/restore",
                        "POST /public/v1/posts/group/{group}/restore");
        for (var route : List.of("DELETE /public/v1/posts/{id}", "DELETE /public/v1/posts/group/{group}")) {
            var operation = operation(document, route);
            assertThat(operation.path("parameters").findValuesAsString("name"))
                    .as(route)
                    .contains("dryRun", "If-Match", "Idempotency-Key");
            assertThat(operation.path("responses").propertyNames()).as(route).contains("200", "400", "412");
        }
        assertThat(operation(document, "POST /public/v1/posts/bulk-delete")
                        .path("requestBody")
                        .path("required")
                        .asBoolean())
                .isTrue();
        assertThat(operation(document, "POST /public/v1/posts/bulk-delete")
                        .path("responses")
                        .propertyNames())
                .contains("200", "400", "413");
        assertThat(operation(document, "POST /public/v1/posts/{id}/restore")
                        .path("responses")
                        .propertyNames())
                .contains("200", "400", "403", "404", "409", "422");
        assertThat(operation(document, "POST /public/v1/posts")
                        .path("parameters")
                        .findValuesAsString("name"))
                .contains("Idempotency-Key");
    }

    @Test
    void theDocumentedErrorBodiesAreTheOnesTheServerAnswers() {
        var document = document("public");
        var tenant = Tenant.create(client);

        assertBody(
                client.get("/public/v1/posts", null).body(),
                example(document, "GET /public/v1/posts", "401", "no key").toString());
        assertBody(
                client.get("/public/v1/posts", "hk_nobody").body(),
                example(document, "GET /public/v1/posts", "401", "invalid key").toString());
        var missingWindow = tenant.get("/public/v1/posts?endDate=2030-05-01");
        assertThat(missingWindow.status()).isEqualTo(400);
        assertBody(
                missingWindow.body(),
                example(document, "GET /public/v1/posts", "400", "Missing or invalid window")
                        .toString());
        var unknown = tenant.delete("/public/v1/posts/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertBody(
                unknown.body(),
                example(document, "DELETE /public/v1/posts/{id}", "404", "Unknown or deleted")
                        .toString());
        var tooLarge = tenant.post("/public/v1/posts", "{\"posts\":\"" + "x".repeat(1_100_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertBody(
                tooLarge.body(),
                example(document, "POST /public/v1/posts", "413", "Body over the size limit (default 1 MiB)")
                        .toString());
        var slot = tenant.get("/public/v1/find-slot/" + UUID.randomUUID());
        assertThat(slot.status()).isEqualTo(404);
        assertBody(
                slot.body(),
                example(document, "GET /public/v1/find-slot/{integration}", "404", "unknown integration")
                        .toString());
        assertBody(
                example(
                                document,
                                "POST /public/v1/posts",
                                "429",
                                "Over the organization's posts per hour; see Retry-After and X-RateLimit-*")
                        .toString(),
                "{\"statusCode\":429,\"message\":\"Too Many Requests\",\"error\":\"Too Many Requests\"}");
        assertBody(
                example(document, "DELETE /public/v1/posts/{id}", "409", "A post of the group is being published")
                        .toString(),
                "{\"statusCode\":409,\"message\":\"Post is being published, try again shortly\",\"error\":\"Conflict\"}");
    }

    @Test
    void theAdminDocumentHasEveryAdminRouteWithTheBearerToken() {
        var document = document("admin");
        var routes = routes("/admin/v1");
        assertThat(routes).contains("POST /admin/v1/organizations");

        assertThat(operations(document)).containsExactlyInAnyOrderElementsOf(routes);
        assertBody(
                document.path("components").path("securitySchemes").toString(),
                "{\"adminToken\":{\"type\":\"http\",\"description\":\"The admin token\",\"scheme\":\"bearer\"}}");
        assertBody(document.path("security").toString(), "[{\"adminToken\":[]}]");
        var unauthorized = client.post("/admin/v1/organizations", null, "{\"name\":\"x\"}");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.json().path("detail").asString())
                .isEqualTo(example(document, "POST /admin/v1/organizations", "401", "Missing or wrong admin token")
                        .path("detail")
                        .asString());
    }

    @Test
    void swaggerUiServesBothDocumentsWithoutACredential() {
        var entry = client.get("/swagger-ui.html", null);
        assertThat(entry.status()).isEqualTo(302);
        assertThat(entry.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/swagger-ui/index.html"));
        var page = client.get("/swagger-ui/index.html", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui");
        var config = client.get("/v3/api-docs/swagger-config", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("urls").findValuesAsString("url"))
                .containsExactlyInAnyOrder("/v3/api-docs/public", "/v3/api-docs/admin");
        assertThat(config.json().path("urls.primaryName").asString()).isEqualTo("public");
    }

    /** {@code "METHOD /path"} of every handler under {@code base}. */
    private List<String> routes(String base) {
        var routes = new ArrayList<String>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            for (var pattern : info.getPatternValues()) {
                if (pattern.startsWith(base + "/")) {
                    info.getMethodsCondition()
                            .getMethods()
                            .forEach(method -> routes.add(method.name() + " " + pattern));
                }
            }
        });
        return routes;
    }

    private JsonNode document(String group) {
        var response = client.get("/v3/api-docs/" + group, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> operations(JsonNode document) {
        var operations = new ArrayList<String>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .propertyNames()
                        .forEach(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }

    private static JsonNode operation(JsonNode document, String route) {
        var space = route.indexOf(' ');
        return document.path("paths")
                .path(route.substring(space + 1))
                .path(route.substring(0, space).toLowerCase());
    }

    private static JsonNode example(JsonNode document, String route, String status, String name) {
        var content = operation(document, route).path("responses").path(status).path("content");
        var media = content.path("application/json").isMissingNode()
                ? content.path("application/problem+json")
                : content.path("application/json");
        var example = media.path("examples").path(name).path("value");
        assertThat(example.isMissingNode())
                .as("example %s of %s %s in %s", name, route, status, content)
                .isFalse();
        return example;
    }
}
