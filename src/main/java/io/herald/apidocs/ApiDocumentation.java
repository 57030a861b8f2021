package io.herald.apidocs;

import io.herald.organizations.CallerOrganization;
import io.herald.web.NestError;
import io.herald.web.PublicApi;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Two documents: {@code public} (/v3/api-docs/public), the Postiz-compatible API with its API-key
 * scheme and Postiz's error bodies, and {@code admin} (/v3/api-docs/admin), Herald's own admin API
 * with its bearer token and RFC 9457 problems. Both, and Swagger UI, are readable without a
 * credential: they describe the routes, which check credentials themselves.
 *
 * <p>The error responses are written here from the contract rather than from annotations on the
 * controllers, so the controllers stay as they are; a route this table does not know still gets
 * the errors every route can answer (401, 500, 503).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PUBLIC_GROUP = "public";

    static final String ADMIN_GROUP = "admin";

    private static final String ADMIN_PATH = "/admin/v1";

    private static final String API_KEY = "apiKey";

    private static final String ADMIN_TOKEN = "adminToken";

    private static final String JSON = "application/json";

    /**
     * Postiz answers 413 with the reason phrase "Payload Too Large", the constant Spring deprecated
     * when RFC 9110 renamed the status ("Content Too Large").
     */
    @SuppressWarnings("deprecation")
    private static final HttpStatus PAYLOAD_TOO_LARGE = HttpStatus.PAYLOAD_TOO_LARGE;

    private static final String PROBLEM = "application/problem+json";

    @Bean
    GroupedOpenApi publicApiDocument() {
        // Filled in from the API key by Herald, never sent by the client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerOrganization.class);
        return GroupedOpenApi.builder()
                .group(PUBLIC_GROUP)
                .pathsToMatch(PublicApi.PATH + "/**")
                .addOpenApiCustomizer(ApiDocumentation::describePublicApi)
                .build();
    }

    @Bean
    GroupedOpenApi adminApiDocument() {
        return GroupedOpenApi.builder()
                .group(ADMIN_GROUP)
                .pathsToMatch(ADMIN_PATH + "/**")
                .addOpenApiCustomizer(ApiDocumentation::describeAdminApi)
                .build();
    }

    static void describePublicApi(OpenAPI document) {
        document.info(new Info()
                .title("Herald: Postiz public API")
                .version("v1")
                .description("The Postiz public API as Herald serves it. Authenticate with the header"
                        + " `Authorization: <api key>` (the raw key; `Bearer <key>` works too). Errors use"
                        + " Postiz's NestJS bodies: `{\"statusCode\",\"message\",\"error\"}`, except the"
                        + " authentication errors (`{\"msg\"}`) and provider rule errors."));
        components(document)
                .addSecuritySchemes(
                        API_KEY,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name("Authorization")
                                .description("The organization's API key, raw (Postiz style)"))
                .addSchemas("NestError", nestErrorSchema())
                .addSchemas("Problem", problemSchema())
                .addSchemas("PostizMessage", new ObjectSchema().addProperty("msg", new StringSchema()))
                .addSchemas(
                        "ProviderRuleError",
                        new ObjectSchema()
                                .addProperty("statusCode", new IntegerSchema())
                                .addProperty("provider", new StringSchema())
                                .addProperty("name", new StringSchema())
                                .addProperty("message", new StringSchema()));
        document.setSecurity(List.of(new SecurityRequirement().addList(API_KEY)));
        rawJsonProperties(document);
        eventData(document);
        nullableProperties(document);
        forEachOperation(document, (route, operation) -> {
            var responses = responses(operation);
            publicErrors(route).forEach(responses::addApiResponse);
            requestBody(route).ifPresent(operation::setRequestBody);
            if (IDEMPOTENT.contains(route)) {
                describeIdempotencyKey(operation, responses);
            }
            if (operation.getRequestBody() != null && !responses.containsKey("413")) {
                responses.addApiResponse(
                        "413",
                        nest(
                                "Body over the size limit (default 1 MiB)",
                                PAYLOAD_TOO_LARGE,
                                "Request entity too large"));
            }
            if (route.contains("{") && !responses.containsKey("404")) {
                // an id with characters no route takes (an encoded NUL, say) names no route at all
                responses.addApiResponse(
                        "404",
                        nest(
                                "A path that names no route",
                                HttpStatus.NOT_FOUND,
                                "Cannot " + route.replaceAll("\\{[^}]*}", "x")));
            }
            if (!responses.containsKey("400")) {
                responses.addApiResponse(
                        "400",
                        nest(
                                "A query string that cannot be read (bad percent-encoding)",
                                HttpStatus.BAD_REQUEST,
                                "Request parameters could not be read"));
            }
            var headersTooLarge = nest(
                    "Request headers over the limit (server.max-http-request-header-size); a request line too"
                            + " long to read has no known path and is answered as a problem",
                    HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.getReasonPhrase());
            headersTooLarge.getContent().addMediaType(PROBLEM, new MediaType().schema(ref("Problem")));
            responses.addApiResponse("431", headersTooLarge);
            responses.addApiResponse(
                    "401",
                    error(
                            "Missing or invalid API key",
                            JSON,
                            "PostizMessage",
                            Map.of(
                                    "no key", Map.of("msg", "No API Key found"),
                                    "invalid key", Map.of("msg", "Invalid API key"))));
            responses.addApiResponse(
                    "500", nest("Unexpected failure", HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error"));
            responses.addApiResponse(
                    "503", nest("The database is unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"));
            operation.setTags(List.of(tag(route, PublicApi.PATH)));
        });
        postAnalyticsAnswer(document);
        toolAnswer(document);
    }

    /** A tool answers whatever its platform says (a list, an object): {@code {"output": <any JSON>}}. */
    private static void toolAnswer(OpenAPI document) {
        var path = document.getPaths() == null
                ? null
                : document.getPaths().get(PublicApi.PATH + "/integration-trigger/{id}");
        if (path == null || path.getPost() == null) {
            return;
        }
        var output = new ObjectSchema().addProperty("output", new Schema<>().description("What the tool answered"));
        output.setRequired(List.of("output"));
        responses(path.getPost())
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("The tool's answer")
                                .content(new Content().addMediaType(JSON, new MediaType().schema(output))));
    }

    /**
     * {@code GET /analytics/post/{id}} answers the post's numbers, or Postiz's {@code {"missing":true}}
     * for a post with no release: the controller returns either, which springdoc cannot see.
     */
    private static void postAnalyticsAnswer(OpenAPI document) {
        var path =
                document.getPaths() == null ? null : document.getPaths().get(PublicApi.PATH + "/analytics/post/{id}");
        if (path == null || path.getGet() == null) {
            return;
        }
        var numbers = new ArraySchema().items(ref("Analytics"));
        var missing = new ObjectSchema().addProperty("missing", new BooleanSchema());
        missing.setRequired(List.of("missing"));
        var schema = new Schema<>();
        schema.setAnyOf(List.of(numbers, missing));
        responses(path.getGet())
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("The post's numbers on its platform, or {\"missing\":true} when it has no"
                                        + " release there")
                                .content(new Content().addMediaType(JSON, new MediaType().schema(schema))));
    }

    static void describeAdminApi(OpenAPI document) {
        document.info(new Info()
                .title("Herald admin API")
                .version("v1")
                .description("Organizations, API keys, customers, integrations and webhooks. Authenticate with"
                        + " `Authorization: Bearer <admin token>` (setting herald.admin.token, env"
                        + " HERALD_ADMIN_TOKEN). Errors are RFC 9457 problems."));
        components(document)
                .addSecuritySchemes(
                        ADMIN_TOKEN,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("The admin token"))
                .addSchemas(
                        "Problem",
                        problemSchema()
                                .addProperty(
                                        "errors",
                                        new ArraySchema()
                                                .items(new StringSchema())
                                                .description("An invalid integration: every error"))
                                .addProperty(
                                        "supportedProviders",
                                        new ArraySchema()
                                                .items(new StringSchema())
                                                .description("An invalid integration: the providers Herald has"))
                                .addProperty(
                                        "oauthProviders",
                                        new ArraySchema()
                                                .items(new StringSchema())
                                                .description("A connect request: the providers Herald connects"
                                                        + " through OAuth")));
        document.setSecurity(List.of(new SecurityRequirement().addList(ADMIN_TOKEN)));
        nullableProperties(document);
        forEachOperation(document, (route, operation) -> {
            if (route.equals("POST " + ADMIN_PATH + "/organizations/{organization}/webhooks")) {
                operation.setRequestBody(webhookBody());
            }
            var responses = responses(operation);
            responses.addApiResponse("400", problem("Invalid request", 400, "Bad Request"));
            if (operation.getRequestBody() != null) {
                responses.addApiResponse(
                        "413", problem("Body over the size limit (default 1 MiB)", 413, "Request body is too large"));
                responses.addApiResponse(
                        "415",
                        problem(
                                "A body that is not JSON",
                                415,
                                "Content-Type 'text/plain;charset=UTF-8' is not supported."));
            }
            responses.addApiResponse(
                    "431",
                    problem(
                            "Request headers over the limit (server.max-http-request-header-size)",
                            431,
                            HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.getReasonPhrase()));
            responses.addApiResponse(
                    "401",
                    problem(
                            "Missing or wrong admin token",
                            401,
                            "A valid admin token is required: Authorization: Bearer <token>"));
            if (route.contains("{")) {
                responses.addApiResponse("404", problem("Unknown id", 404, "Not Found"));
            }
            if (route.contains("/webhooks/{id}")) {
                responses.addApiResponse("403", problem("Another organization's webhook", 403, "Access denied"));
            }
            responses.addApiResponse("503", problem("The database is unavailable", 503, "The database is unavailable"));
            operation.setTags(List.of(tag(route, ADMIN_PATH)));
        });
    }

    /** The routes that take an {@code Idempotency-Key} (spec §10.5). */
    private static final List<String> IDEMPOTENT = List.of(
            "POST " + PublicApi.PATH + "/posts",
            "PATCH " + PublicApi.PATH + "/posts/{id}",
            "DELETE " + PublicApi.PATH + "/posts/{id}",
            "DELETE " + PublicApi.PATH + "/posts/group/{group}",
            "POST " + PublicApi.PATH + "/posts/bulk-delete",
            "POST " + PublicApi.PATH + "/posts/{id}/restore",
            "POST " + PublicApi.PATH + "/posts/group/{group}/restore");

    private static void describeIdempotencyKey(Operation operation, ApiResponses responses) {
        operation.addParametersItem(new HeaderParameter()
                .name("Idempotency-Key")
                .required(false)
                .description("At most 255 characters, kept 24 h per organization: a repeat of the same request"
                        + " answers the first answer again (marked Idempotent-Replayed: true) and does nothing")
                .schema(new StringSchema().maxLength(255)));
        responses.values().forEach(response -> {
            if (response.getHeaders() == null || !response.getHeaders().containsKey("Idempotent-Replayed")) {
                response.addHeaderObject(
                        "Idempotent-Replayed",
                        new Header()
                                .description("true on an answer replayed for a repeated Idempotency-Key")
                                .schema(new StringSchema()));
            }
        });
        var conflict = responses.get("409");
        var inProgress = "A request with this Idempotency-Key is in progress";
        if (conflict == null) {
            responses.addApiResponse("409", nest(inProgress, HttpStatus.CONFLICT, inProgress));
        } else {
            conflict.setDescription(conflict.getDescription() + "; or " + inProgress);
        }
        responses.addApiResponse(
                "422",
                error(
                        "The Idempotency-Key was used for another request",
                        JSON,
                        "NestError",
                        Map.of(
                                "another request",
                                Map.of(
                                        "statusCode",
                                        422,
                                        "message",
                                        "Idempotency-Key was used for another request",
                                        "error",
                                        "Unprocessable Entity"))));
    }

    /** The errors of each public route beyond those every route has, as the contract lists them. */
    private static Map<String, ApiResponse> publicErrors(String route) {
        var errors = new LinkedHashMap<String, ApiResponse>();
        switch (route) {
            case "POST " + PublicApi.PATH + "/posts" -> {
                errors.put(
                        "400",
                        error(
                                "Malformed JSON, failed validation, unknown integration or a provider's rule",
                                JSON,
                                anyOf("NestError", "ProviderRuleError"),
                                Map.of(
                                        "validation",
                                        nestBody(
                                                HttpStatus.BAD_REQUEST,
                                                List.of("date must be a valid ISO 8601 date string")),
                                        "unknown integration",
                                        nestBody(HttpStatus.BAD_REQUEST, "Integration with id 0000 not found"),
                                        "provider rule",
                                        Map.of(
                                                "statusCode",
                                                400,
                                                "provider",
                                                "mastodon",
                                                "name",
                                                "My Mastodon",
                                                "message",
                                                "The post is 512 characters long; at most 500 are allowed"),
                                        "edit naming several groups",
                                        nestBody(
                                                HttpStatus.BAD_REQUEST,
                                                "All posts of an edit must name the same group"),
                                        "edit queuing a published post again without republish",
                                        nestBody(
                                                HttpStatus.BAD_REQUEST,
                                                "This post was already published on 2030-05-01 09:00 UTC. To publish"
                                                        + " it again as a new post, send \"republish\": true"))));
                errors.put(
                        "403",
                        nest(
                                "An edit of another organization's group, or one changing a published post",
                                HttpStatus.FORBIDDEN,
                                "Access denied"));
                errors.put(
                        "404", nest("An edit of an unknown or deleted group", HttpStatus.NOT_FOUND, "Group not found"));
                errors.put(
                        "409",
                        nest(
                                "An edit of a group one of whose posts is being published",
                                HttpStatus.CONFLICT,
                                "Post is being published, try again shortly"));
                errors.put(
                        "413",
                        nest(
                                "Body over the size limit (default 1 MiB)",
                                PAYLOAD_TOO_LARGE,
                                "Request entity too large"));
                errors.put(
                        "429",
                        nest(
                                "Over the organization's posts per hour; see Retry-After and X-RateLimit-*",
                                HttpStatus.TOO_MANY_REQUESTS,
                                "Too Many Requests"));
            }
            case "GET " + PublicApi.PATH + "/posts" ->
                errors.put(
                        "400",
                        nest(
                                "Missing or invalid window",
                                HttpStatus.BAD_REQUEST,
                                List.of("startDate must be a valid ISO 8601 date string")));
            case "GET " + PublicApi.PATH + "/posts/{id}" -> {
                errors.put("403", nest("Another organization's post", HttpStatus.FORBIDDEN, "Access denied"));
                errors.put("404", nest("Unknown or deleted", HttpStatus.NOT_FOUND, "Post not found"));
            }
            case "PATCH " + PublicApi.PATH + "/posts/{id}", "PUT " + PublicApi.PATH + "/posts/{id}/settings" -> {
                errors.put(
                        "400",
                        error(
                                "Failed validation, a change the post's state or place does not allow, or a"
                                        + " provider's rule",
                                JSON,
                                anyOf("NestError", "ProviderRuleError"),
                                Map.of(
                                        "validation",
                                        nestBody(HttpStatus.BAD_REQUEST, List.of("settings must be an object")),
                                        "thread item",
                                        nestBody(
                                                HttpStatus.BAD_REQUEST,
                                                "This id belongs to a comment, pass the id of the main post"))));
                errors.put(
                        "403",
                        nest(
                                "Another organization's post, or a published one",
                                HttpStatus.FORBIDDEN,
                                "Published posts cannot be changed"));
                errors.put("404", nest("Unknown or deleted", HttpStatus.NOT_FOUND, "Post not found"));
                errors.put(
                        "409",
                        nest(
                                "A post of the group is being published",
                                HttpStatus.CONFLICT,
                                "Post is being published, try again shortly"));
                if (route.startsWith("PATCH")) {
                    errors.put(
                            "412",
                            nest(
                                    "If-Match names a version of the group that is no longer current",
                                    HttpStatus.PRECONDITION_FAILED,
                                    "Post was changed since it was read"));
                }
            }
            case "DELETE " + PublicApi.PATH + "/posts/{id}",
                    "DELETE " + PublicApi.PATH + "/posts/group/{group}",
                    "PUT " + PublicApi.PATH + "/posts/{id}/status" -> {
                if (route.startsWith("PUT")) {
                    errors.put(
                            "400",
                            nest(
                                    "Invalid status",
                                    HttpStatus.BAD_REQUEST,
                                    List.of("status must be one of the following values: draft, schedule")));
                } else {
                    errors.put(
                            "400",
                            nest(
                                    "dryRun is neither true nor false (or a query string that cannot be read)",
                                    HttpStatus.BAD_REQUEST,
                                    List.of("dryRun must be a boolean value")));
                    errors.put(
                            "412",
                            nest(
                                    "If-Match names a version of the group that is no longer current",
                                    HttpStatus.PRECONDITION_FAILED,
                                    "Post was changed since it was read"));
                }
                errors.put(
                        "403",
                        nest("Another organization's post, or a published one", HttpStatus.FORBIDDEN, "Access denied"));
                errors.put(
                        "404",
                        nest(
                                "Unknown or deleted",
                                HttpStatus.NOT_FOUND,
                                route.contains("/group/") ? "Group not found" : "Post not found"));
                errors.put(
                        "409",
                        nest(
                                "A post of the group is being published",
                                HttpStatus.CONFLICT,
                                "Post is being published, try again shortly"));
            }
            case "POST " + PublicApi.PATH + "/posts/bulk-delete" -> {
                errors.put(
                        "400",
                        nest(
                                "Malformed body, over 1000 ids and groups, or a filter matching over 10,000 groups",
                                HttpStatus.BAD_REQUEST,
                                "Pass ids, groups or a filter"));
                errors.put(
                        "413",
                        nest(
                                "Body over the size limit (default 1 MiB)",
                                PAYLOAD_TOO_LARGE,
                                "Request entity too large"));
            }
            case "POST " + PublicApi.PATH + "/posts/{id}/restore",
                    "POST " + PublicApi.PATH + "/posts/group/{group}/restore" -> {
                errors.put("400", nest("The group is not deleted", HttpStatus.BAD_REQUEST, "Post is not deleted"));
                errors.put("403", nest("Another organization's post or group", HttpStatus.FORBIDDEN, "Access denied"));
                errors.put(
                        "404",
                        nest(
                                "Unknown, or deleted longer ago than herald.posts.restore-window",
                                HttpStatus.NOT_FOUND,
                                route.contains("/group/") ? "Group not found" : "Post not found"));
            }
            case "POST " + PublicApi.PATH + "/upload" -> {
                errors.put(
                        "400",
                        error(
                                "No file, or a file type that is not accepted",
                                JSON,
                                anyOf("PostizMessage", "NestError"),
                                Map.of(
                                        "no file", Map.of("msg", "No file provided"),
                                        "unsupported type",
                                                nestBody(HttpStatus.BAD_REQUEST, "Unsupported file type."))));
                errors.put(
                        "413",
                        nest(
                                "File over its kind's limit, or over what the organization's media quota leaves",
                                PAYLOAD_TOO_LARGE,
                                "Request entity too large"));
                errors.put(
                        "429",
                        nest(
                                "Over the organization's uploads per hour; see Retry-After and X-RateLimit-*",
                                HttpStatus.TOO_MANY_REQUESTS,
                                "Too Many Requests"));
            }
            case "GET " + PublicApi.PATH + "/find-slot/{integration}" -> errors.put("404", integrationNotFound());
            case "DELETE " + PublicApi.PATH + "/integrations/{id}" -> {
                errors.put("404", integrationNotFound());
                errors.put(
                        "409",
                        nest(
                                "One of its posts is being published",
                                HttpStatus.CONFLICT,
                                "Post is being published, try again shortly"));
            }
            case "GET " + PublicApi.PATH + "/social/{provider}" ->
                errors.put(
                        "400",
                        error(
                                "A provider Herald does not connect through OAuth, or one this server has no app for"
                                        + " (or a query string that cannot be read)",
                                JSON,
                                anyOf("PostizMessage", "NestError"),
                                Map.of(
                                        "not an OAuth provider",
                                        Map.of("msg", "Integration not allowed"),
                                        "not set up",
                                        Map.of(
                                                "msg",
                                                "X is not set up on this server: set herald.providers.x.client-id"
                                                        + " and client-secret"))));
            case "GET " + PublicApi.PATH + "/integration-settings/{id}" -> errors.put("404", integrationNotFound());
            case "POST " + PublicApi.PATH + "/integration-trigger/{id}" -> {
                errors.put(
                        "400",
                        nest(
                                "The tool's data lacks what it needs",
                                HttpStatus.BAD_REQUEST,
                                "data.handle must be a Bluesky handle such as alice.bsky.social"));
                errors.put(
                        "404",
                        error(
                                "Not an integration of the caller, or a tool its provider does not have",
                                JSON,
                                anyOf("PostizMessage", "NestError"),
                                Map.of(
                                        "unknown integration", Map.of("msg", "Integration not found"),
                                        "unknown tool", Map.of("msg", "Tool not found"))));
                errors.put("502", platformFailed());
            }
            case "GET " + PublicApi.PATH + "/posts/{id}/missing",
                    "PUT " + PublicApi.PATH + "/posts/{id}/release-id" -> {
                errors.put(
                        "400",
                        error(
                                "Not a post whose outcome is unknown, a release the account does not have, or no"
                                        + " releaseId",
                                JSON,
                                "NestError",
                                Map.of(
                                        "not of unknown outcome",
                                        nestBody(
                                                HttpStatus.BAD_REQUEST,
                                                "Only a post whose publication outcome is unknown can be connected"
                                                        + " to a release"),
                                        "unknown release",
                                        nestBody(
                                                HttpStatus.BAD_REQUEST,
                                                "Release 999 is not a post of this mastodon account"))));
                postErrors(errors);
                errors.put("502", platformFailed());
            }
            case "GET " + PublicApi.PATH + "/analytics/{integration}" -> {
                errors.put("400", invalidDays());
                errors.put("404", integrationNotFound());
                errors.put("502", platformFailed());
            }
            case "GET " + PublicApi.PATH + "/analytics/post/{id}" -> {
                errors.put("400", invalidDays());
                postErrors(errors);
                errors.put("502", platformFailed());
            }
            case "POST " + PublicApi.PATH + "/upload-from-url" -> {
                errors.put(
                        "400",
                        error(
                                "No url, a URL Herald does not fetch from (not http(s), a private address), a host"
                                        + " that failed, or a file type that is not accepted",
                                JSON,
                                "NestError",
                                Map.of(
                                        "no url",
                                        nestBody(HttpStatus.BAD_REQUEST, List.of("url must be a URL address")),
                                        "private address",
                                        nestBody(
                                                HttpStatus.BAD_REQUEST,
                                                "Image http://10.0.0.1/a.png is on a private network address"
                                                        + " (10.0.0.1); Herald fetches images only from public hosts"
                                                        + " and from itself (herald.platforms.image.allow-private-hosts)"),
                                        "unsupported type",
                                        nestBody(HttpStatus.BAD_REQUEST, "Unsupported file type."))));
                errors.put(
                        "413",
                        nest(
                                "File over its kind's limit, or over what the organization's media quota leaves",
                                PAYLOAD_TOO_LARGE,
                                "Request entity too large"));
                errors.put(
                        "429",
                        nest(
                                "Over the organization's uploads per hour; see Retry-After and X-RateLimit-*",
                                HttpStatus.TOO_MANY_REQUESTS,
                                "Too Many Requests"));
            }
            case "GET " + PublicApi.PATH + "/events" ->
                errors.put(
                        "400",
                        nest(
                                "A limit outside 1-1000, or a cursor that is not a nextCursor (or a query string"
                                        + " that cannot be read)",
                                HttpStatus.BAD_REQUEST,
                                List.of("limit must not be greater than 1000")));
            case "GET " + PublicApi.PATH + "/notifications" ->
                errors.put(
                        "400",
                        nest(
                                "A page that is not a whole number from 0 (or a query string that cannot be read)",
                                HttpStatus.BAD_REQUEST,
                                List.of("page must not be less than 0")));
            case "GET " + PublicApi.PATH + "/posts/{id}/history" -> {
                errors.put("403", nest("Another organization's post", HttpStatus.FORBIDDEN, "Access denied"));
                errors.put(
                        "404",
                        nest(
                                "Unknown, or deleted longer ago than the retention",
                                HttpStatus.NOT_FOUND,
                                "Post not found"));
            }
            case "POST " + PublicApi.PATH + "/webhooks" ->
                errors.put(
                        "400",
                        nest(
                                "Malformed JSON or failed validation",
                                HttpStatus.BAD_REQUEST,
                                List.of("url must be a URL address", "secret should not be empty")));
            case "DELETE " + PublicApi.PATH + "/webhooks/{id}",
                    "GET " + PublicApi.PATH + "/webhooks/{id}/deliveries" -> {
                errors.put("403", nest("Another organization's webhook", HttpStatus.FORBIDDEN, "Access denied"));
                errors.put("404", nest("Unknown webhook", HttpStatus.NOT_FOUND, "Webhook not found"));
            }
            default -> {
                // the errors every route has
            }
        }
        return errors;
    }

    /** The errors of a route that names one of the caller's posts. */
    private static void postErrors(Map<String, ApiResponse> errors) {
        errors.put("403", nest("Another organization's post", HttpStatus.FORBIDDEN, "Access denied"));
        errors.put("404", nest("Unknown or deleted", HttpStatus.NOT_FOUND, "Post not found"));
    }

    private static ApiResponse invalidDays() {
        return nest(
                "date is not a number of days from 1 to 365",
                HttpStatus.BAD_REQUEST,
                List.of("date must be a number of days from 1 to 365"));
    }

    /** The platform refused a call Herald made on the account, or could not be reached. */
    private static ApiResponse platformFailed() {
        return nest(
                "The platform refused the call or could not be reached; the message says which",
                HttpStatus.BAD_GATEWAY,
                "Mastodon answered HTTP 503: Service Unavailable");
    }

    /** The route's first segment under {@code base}: posts, integrations, upload, organizations, ... */
    private static String tag(String route, String base) {
        var path = route.substring(route.indexOf(' ') + 1 + base.length() + 1);
        var slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** Bodies the controllers read as a raw stream, which springdoc cannot see. */
    private static Optional<RequestBody> requestBody(String route) {
        if (route.equals("POST " + PublicApi.PATH + "/posts")) {
            return Optional.of(jsonBody(
                    "One group of posts: every integration's thread, as Postiz's API takes it",
                    Map.of(
                            "type",
                            "schedule",
                            "date",
                            "2030-05-01T09:00:00Z",
                            "shortLink",
                            false,
                            "tags",
                            List.of(Map.of("value", "launch", "label", "Launch")),
                            "posts",
                            List.of(Map.of(
                                    "integration",
                                    Map.of("id", "<integration id>"),
                                    "value",
                                    List.of(Map.of("content", "Hello", "image", List.of())),
                                    "settings",
                                    Map.of())))));
        }
        if (route.equals("POST " + PublicApi.PATH + "/upload")) {
            // springdoc sees a request parameter; the route takes a multipart body with one file part
            var file = new ObjectSchema().addProperty("file", new StringSchema().format("binary"));
            return Optional.of(new RequestBody()
                    .required(true)
                    .description("One file (jpeg, png, gif, webp or mp4, recognised by its bytes)")
                    .content(new Content().addMediaType("multipart/form-data", new MediaType().schema(file))));
        }
        if (route.equals("PATCH " + PublicApi.PATH + "/posts/{id}")) {
            return Optional.of(jsonBody(
                    "Any of: date (moves the whole group), content, image, delay (this post), settings (merged into"
                            + " its integration's thread)",
                    Map.of("date", "2030-05-01T10:00:00Z", "content", "Corrected")));
        }
        if (route.equals("PUT " + PublicApi.PATH + "/posts/{id}/settings")) {
            return Optional.of(jsonBody(
                    "Settings merged into the root post's thread", Map.of("settings", Map.of("visibility", "public"))));
        }
        if (route.equals("POST " + PublicApi.PATH + "/integration-trigger/{id}")) {
            return Optional.of(jsonBody(
                    "The tool and its data (see the tools of integration-settings)",
                    Map.of("methodName", "lists", "data", Map.of())));
        }
        if (route.equals("PUT " + PublicApi.PATH + "/posts/{id}/release-id")) {
            return Optional.of(jsonBody(
                    "The id of the post on its platform that the publication made",
                    Map.of("releaseId", "109000000000000001")));
        }
        if (route.equals("POST " + PublicApi.PATH + "/upload-from-url")) {
            return Optional.of(jsonBody(
                    "A public http(s) URL of an image or a video", Map.of("url", "https://images.example.com/a.png")));
        }
        if (route.equals("POST " + PublicApi.PATH + "/webhooks")) {
            return Optional.of(webhookBody());
        }
        if (route.equals("POST " + PublicApi.PATH + "/posts/bulk-delete")) {
            return Optional.of(jsonBody(
                    "Post ids and/or group ids (together at most 1000), or a filter (at most 10,000 groups);"
                            + " dryRun answers what would be deleted and changes nothing",
                    Map.of("ids", List.of("<post id>"), "groups", List.of("<group id>"), "dryRun", true)));
        }
        if (route.equals("PUT " + PublicApi.PATH + "/posts/{id}/status")) {
            return Optional.of(jsonBody("The whole group to drafts or to the queue", Map.of("status", "draft")));
        }
        return Optional.empty();
    }

    /** An organization webhook's subscription (public and admin API). */
    private static RequestBody webhookBody() {
        return jsonBody(
                "The URL events are POSTed to, the secret they are signed with, and the event types wanted",
                Map.of(
                        "url",
                        "https://example.com/herald-events",
                        "secret",
                        "<a long random secret>",
                        "events",
                        List.of("post.created", "post.deleted", "post.failed")));
    }

    private static RequestBody jsonBody(String description, Object example) {
        return new RequestBody()
                .required(true)
                .description(description)
                .content(new Content()
                        .addMediaType(
                                JSON, new MediaType().schema(new ObjectSchema()).example(example)));
    }

    private static ObjectSchema problemSchema() {
        var schema = new ObjectSchema();
        schema.addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema());
        return schema;
    }

    private static Schema<?> nestErrorSchema() {
        var message = new Schema<Object>();
        message.setDescription("A sentence, or the list of validation failures");
        message.addOneOfItem(new StringSchema());
        message.addOneOfItem(new ArraySchema().items(new StringSchema()));
        return new ObjectSchema()
                .addProperty("statusCode", new IntegerSchema())
                .addProperty("message", message)
                .addProperty("error", new StringSchema().description("The status's reason phrase"));
    }

    /** Postiz's {@code {"msg"}} 404 for an integration that is not the caller's. */
    /** Postiz's {@code {"msg"}}, or Nest's route 404 for a path id that names no route at all. */
    private static ApiResponse integrationNotFound() {
        return error(
                "Not an integration of the caller (or not an id that names this route)",
                JSON,
                anyOf("PostizMessage", "NestError"),
                Map.of("unknown integration", Map.of("msg", "Integration not found")));
    }

    private static ApiResponse nest(String description, HttpStatus status, Object message) {
        return error(description, JSON, "NestError", Map.of(description, nestBody(status, message)));
    }

    /** The body as the server writes it ({@link NestError}: Postiz's reason phrases, "Payload Too Large"). */
    private static Map<String, Object> nestBody(HttpStatus status, Object message) {
        var error = NestError.of(status, message);
        var body = new LinkedHashMap<String, Object>();
        body.put("statusCode", error.statusCode());
        body.put("message", error.message());
        body.put("error", error.error());
        return body;
    }

    private static ApiResponse problem(String description, int status, String detail) {
        var reason = HttpStatus.valueOf(status).getReasonPhrase();
        var body = new LinkedHashMap<String, Object>();
        body.put("title", reason);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", "/admin/v1/...");
        return error(description, PROBLEM, "Problem", Map.of(description, body));
    }

    private static ApiResponse error(String description, String mediaType, String schema, Map<String, ?> examples) {
        return error(description, mediaType, ref(schema), examples);
    }

    private static ApiResponse error(String description, String mediaType, Schema<?> schema, Map<String, ?> examples) {
        var media = new MediaType().schema(schema);
        examples.forEach((name, value) -> media.addExamples(name, new Example().value(value)));
        return new ApiResponse().description(description).content(new Content().addMediaType(mediaType, media));
    }

    private static Schema<?> ref(String schema) {
        return new Schema<>().$ref("#/components/schemas/" + schema);
    }

    /** One of several bodies; anyOf, as a body may fit more than one of these open schemas. */
    @SuppressWarnings("rawtypes") // swagger-models takes a raw List<Schema>
    private static Schema<?> anyOf(String... schemas) {
        List<Schema> choices = new ArrayList<>();
        for (var schema : schemas) {
            choices.add(ref(schema));
        }
        return new Schema<>().anyOf(choices);
    }

    /**
     * A listed post's {@code settings}, {@code image} and {@code tags} are stored JSON written as it
     * is ({@code @JsonRawValue} strings to springdoc): the document says what they hold.
     */
    /** An event's {@code data} says what changed: its fields depend on the event's type. */
    private static void eventData(OpenAPI document) {
        var event = components(document).getSchemas() == null
                ? null
                : components(document).getSchemas().get("EventView");
        if (event == null || event.getProperties() == null) {
            return;
        }
        event.getProperties()
                .put(
                        "data",
                        new ObjectSchema()
                                .additionalProperties(true)
                                .description("What changed; its fields depend on the type (see the README)"));
    }

    private static void rawJsonProperties(OpenAPI document) {
        var schemas = components(document).getSchemas();
        if (schemas == null) {
            return;
        }
        var image = new ObjectSchema()
                .addProperty("id", new StringSchema())
                .addProperty("path", new StringSchema())
                .addProperty("alt", new StringSchema())
                .addProperty("thumbnail", new StringSchema());
        var tag = new ObjectSchema()
                .addProperty(
                        "tag",
                        new ObjectSchema()
                                .addProperty("id", new StringSchema())
                                .addProperty("name", new StringSchema())
                                .addProperty("color", new StringSchema()));
        // a post as the list shows it, and as GET /posts/{id} does
        for (var name : List.of("Item", "Detail")) {
            var item = schemas.get(name);
            if (item == null || item.getProperties() == null) {
                continue;
            }
            item.getProperties()
                    .put(
                            "settings",
                            new ObjectSchema()
                                    .additionalProperties(true)
                                    .description("The integration's settings as the post was created with them"));
            item.getProperties().put("image", new ArraySchema().items(image));
            item.getProperties().put("tags", new ArraySchema().items(tag));
        }
        var threadItem = schemas.get("ThreadItem");
        if (threadItem != null && threadItem.getProperties() != null) {
            threadItem.getProperties().put("image", new ArraySchema().items(image));
        }
        var listing = schemas.get("Listing");
        if (listing != null && listing.getProperties() != null) {
            listing.getProperties()
                    .put(
                            "nextCursor",
                            new StringSchema()
                                    .description("With limit only: the next page's cursor, null on the last page"));
        }
    }

    /**
     * Herald writes every field of its answers, {@code null} when it has no value (a post's
     * {@code error}, an upload's {@code thumbnail}): every property that is not required may be null.
     */
    @SuppressWarnings("rawtypes") // swagger-models keeps raw Schemas
    private static void nullableProperties(OpenAPI document) {
        if (components(document).getSchemas() == null) {
            return;
        }
        for (Schema schema : components(document).getSchemas().values()) {
            Map<String, Schema> properties = schema.getProperties();
            if (properties == null) {
                continue;
            }
            List<?> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            for (var property : properties.entrySet()) {
                if (required.contains(property.getKey())) {
                    continue;
                }
                var value = property.getValue();
                if (value.get$ref() == null) {
                    value.setNullable(true);
                } else {
                    // a reference takes no siblings in OpenAPI 3.0: a nullable schema wraps it
                    List<Schema> wrapped = new ArrayList<>(List.of(value));
                    property.setValue(new Schema<>().allOf(wrapped).nullable(true));
                }
            }
        }
    }

    private static Components components(OpenAPI document) {
        if (document.getComponents() == null) {
            document.setComponents(new Components());
        }
        return document.getComponents();
    }

    private static ApiResponses responses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        return operation.getResponses();
    }

    /** Calls {@code action} with {@code "METHOD /path"} and the operation, for every operation. */
    private static void forEachOperation(OpenAPI document, BiConsumer<String, Operation> action) {
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> action.accept(method.name() + " " + path, operation)));
    }
}
