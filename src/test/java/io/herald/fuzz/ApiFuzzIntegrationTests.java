package io.herald.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Tenant;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests made from Herald's own OpenAPI documents, for every operation they list (so a route
 * added later is fuzzed without a change here): valid ones, from the documents' examples and
 * schemas, and mutated ones (wrong types, huge and empty strings, NUL, any Unicode, deep nesting,
 * huge arrays, bad ids, bad dates, bodies that are not JSON, missing and wrong credentials).
 * Every answer must be below 500, be what the document says the operation answers (status,
 * content type, body schema), and hold no stack trace, class name or SQL.
 *
 * <p>A fixed seed and {@value #DEFAULT_REQUESTS} requests by default; more with
 * {@code -Dherald.fuzz.requests=50000}, another seed with {@code -Dherald.fuzz.seed=...}.
 */
@HeraldIntegrationTest
class ApiFuzzIntegrationTests {

    private static final int DEFAULT_REQUESTS = 5000;

    private static final int REQUESTS = Integer.getInteger("herald.fuzz.requests", DEFAULT_REQUESTS);

    private static final long SEED = Long.getLong("herald.fuzz.seed", 20261201L);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Stack frames, Java class names, SQL: nothing of Herald's insides may reach an answer. */
    private static final List<Pattern> LEAKS = List.of(
            Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\("),
            Pattern.compile(
                    "\\b(java|javax|jakarta|org\\.springframework|org\\.hibernate|org\\.postgresql|org\\.apache|tools\\.jackson|com\\.fasterxml|io\\.herald)\\.[a-z]"),
            Pattern.compile("[A-Za-z]+(Exception|Error)\\b"),
            Pattern.compile(
                    "SQLSTATE|(?i)\\bselect\\b[^\"]*\\bfrom\\b|(?i)\\binsert into\\b|(?i)\\bupdate\\b \\w+ \\bset\\b"));

    /** A PNG's signature: the upload recognises files by their first bytes. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H'};

    @LocalServerPort
    int port;

    HeraldClient client;

    Tenant tenant;

    /** Real ids, by the name of the path parameter they fit. */
    final Map<String, List<String>> ids = new HashMap<>();

    String integration;

    String customer;

    @BeforeEach
    void createTenant() {
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
        integration = tenant.webhook("Fuzz");
        customer = tenant.customer("Fuzz customer");
        // only these may be changed or deleted by the admin routes: creates keep their integration
        var spare = List.of(tenant.webhook("Spare 1"), tenant.webhook("Spare 2"), tenant.webhook("Spare 3"));
        var posts = new ArrayList<String>();
        var groups = new ArrayList<String>();
        for (var type : List.of("draft", "schedule", "draft")) {
            var created = tenant.createPosts("""
                    {"type":"%s","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                     "posts":[{"integration":{"id":"%s"},"value":[{"content":"one"},{"content":"two"}]}]}
                    """.formatted(type, integration));
            posts.add(created.get(0).get("postId").asString());
            groups.add(created.get(0).get("group").asString());
        }
        ids.put("id", posts);
        ids.put("group", groups);
        ids.put("integration", List.of(integration, spare.get(0)));
        ids.put("integrationId", spare);
        ids.put("organizationId", List.of(tenant.id()));
        ids.put("keyId", List.of(tenant.createKey().id()));
        ids.put("customer", List.of(customer));
    }

    @Test
    void everyDocumentedRouteAnswersEveryGeneratedRequestAsItsDocumentSays() {
        var operations = new ArrayList<Operation>();
        for (var group : List.of("public", "admin")) {
            var text = client.get("/v3/api-docs/" + group, null).body();
            var document = JSON.readTree(text);
            var validator = OpenApiInteractionValidator.createForInlineApiSpecification(text)
                    .build();
            document.path("paths")
                    .properties()
                    .forEach(path -> path.getValue()
                            .properties()
                            .forEach(method -> operations.add(new Operation(
                                    group,
                                    document,
                                    validator,
                                    method.getKey().toUpperCase(Locale.ROOT),
                                    path.getKey(),
                                    method.getValue()))));
        }
        assertThat(operations).as("operations in the documents").hasSizeGreaterThan(10);
        var failures = new ArrayList<String>();
        var statuses = new LinkedHashMap<String, Integer>();
        var start = System.nanoTime();
        JqwikSession.run(Long.toString(SEED), () -> {
            var generated = new Generated(new Random(SEED));
            for (int i = 0; i < REQUESTS; i++) {
                var operation = operations.get(i % operations.size());
                var request = new RequestMaker(operation, generated).make();
                HeraldClient.Response response;
                try {
                    response = client.send(request.http());
                } catch (RuntimeException e) {
                    if (failures.size() < 25) {
                        failures.add(request.http().method() + " "
                                + cut(request.http().uri().toString()) + " body " + cut(request.body())
                                + "\n  -> no answer: " + e.getMessage());
                    }
                    continue;
                }
                statuses.merge(operation.method() + " " + operation.path() + " " + response.status(), 1, Integer::sum);
                remember(operation, response);
                var problems = problems(operation, request, response);
                if (!problems.isEmpty() && failures.size() < 25) {
                    failures.add(describe(request, response, problems));
                }
            }
        });
        System.out.println("Fuzz: " + REQUESTS + " requests in " + (System.nanoTime() - start) / 1_000_000
                + " ms, seed " + SEED + ", answers " + statuses);
        failures.forEach(failure -> System.out.println("Fuzz failure: " + failure));
        assertThat(failures).as("answers that break the contract").isEmpty();
    }

    /**
     * Ids that creates answer join the pools, so the routes that delete keep finding something to
     * delete, and the others something to read, however many deletes went before.
     */
    private void remember(Operation operation, HeraldClient.Response response) {
        if (response.status() != 201 || !response.contentType().startsWith("application/json")) {
            return;
        }
        var body = response.json();
        if (operation.path().equals("/public/v1/posts")) {
            body.forEach(created -> {
                add("id", created.path("postId").asString());
                add("group", created.path("group").asString());
            });
            return;
        }
        var pool = operation.path().endsWith("/api-keys")
                ? "keyId"
                : operation.path().endsWith("/integrations")
                        ? "integrationId"
                        : operation.path().endsWith("/customers") ? "customer" : null;
        if (pool != null && body.path("id").isString()) {
            add(pool, body.path("id").asString());
        }
    }

    private void add(String pool, String id) {
        var known = new ArrayList<>(ids.getOrDefault(pool, List.of()));
        known.add(id);
        // the newest few: a pool of everything ever made would mostly name what is gone
        ids.put(pool, known.subList(Math.max(0, known.size() - 20), known.size()));
    }

    private static List<String> problems(Operation operation, Made request, HeraldClient.Response response) {
        var problems = new ArrayList<String>();
        if (response.status() >= 500) {
            problems.add("a 5xx answer");
        }
        for (var leak : LEAKS) {
            var found = leak.matcher(response.body());
            if (found.find()) {
                problems.add("the body leaks \"" + found.group() + "\"");
            }
        }
        var answer = SimpleResponse.Builder.status(response.status())
                .withContentType(response.contentType())
                .withBody(response.body())
                .build();
        var report = operation
                .validator()
                .validateResponse(request.validatedPath(), Request.Method.valueOf(operation.method()), answer);
        for (var message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                problems.add("not as documented: " + message.getKey() + ": " + message.getMessage());
            }
        }
        return problems;
    }

    private static String describe(Made request, HeraldClient.Response response, List<String> problems) {
        return request.http().method() + " " + cut(request.http().uri().toString()) + " body "
                + cut(request.body()) + "\n  -> " + response.status() + " " + cut(response.body()) + "\n  "
                + String.join("\n  ", problems);
    }

    private static String cut(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "...(" + text.length() + " chars)" : text;
    }

    /** One operation of a document: {@code path} is its template, {@code definition} its JSON. */
    record Operation(
            String group,
            JsonNode document,
            OpenApiInteractionValidator validator,
            String method,
            String path,
            JsonNode definition) {}

    /** A request as sent, the path it was sent to (for the validator) and its body as text (for the report). */
    record Made(HttpRequest http, String validatedPath, String body) {}

    /** Builds one request for an operation from its parameters and request body. */
    private final class RequestMaker {

        private final Operation operation;

        private final Generated generated;

        RequestMaker(Operation operation, Generated generated) {
            this.operation = operation;
            this.generated = generated;
        }

        Made make() {
            var path = path();
            var query = query();
            var builder = HttpRequest.newBuilder(URI.create(client.base() + path + query))
                    .timeout(Duration.ofSeconds(30));
            authorization().ifPresent(value -> builder.header("Authorization", value));
            var body = "";
            byte[] bytes = null;
            var content = operation.definition().path("requestBody").path("content");
            if ((path + query).length() > 8 * 1024) {
                // over the header limit: answered 431 before any body is read, and a body still
                // being sent when the server closes the connection can cost the client its answer
                content = NODES.missingNode();
            }
            if (content.has("multipart/form-data")) {
                var boundary = "fuzz" + generated.word();
                bytes = multipart(boundary);
                body = "(multipart, " + bytes.length + " bytes)";
                builder.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            } else if (!content.isMissingNode()) {
                body = jsonBody();
                bytes = body.getBytes(StandardCharsets.UTF_8);
                builder.header(
                        "Content-Type",
                        generated.pick(List.of(
                                "application/json",
                                "application/json",
                                "application/json",
                                "text/plain",
                                "application/x-www-form-urlencoded")));
            }
            builder.method(
                    operation.method(),
                    bytes == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(bytes));
            return new Made(builder.build(), path, body);
        }

        private java.util.Optional<String> authorization() {
            var roll = generated.below(100);
            if (roll < 3) {
                return java.util.Optional.empty();
            }
            if (roll < 6) {
                return java.util.Optional.of(generated.pick(List.of("hk_" + generated.word(), "Bearer wrong", "x")));
            }
            return java.util.Optional.of(operation.group().equals("public") ? tenant.apiKey() : Tenant.ADMIN);
        }

        private String path() {
            var path = new StringBuilder();
            var template = operation.path();
            var at = 0;
            while (true) {
                var open = template.indexOf('{', at);
                if (open < 0) {
                    path.append(template.substring(at));
                    return path.toString();
                }
                var close = template.indexOf('}', open);
                path.append(template, at, open);
                path.append(encode(pathValue(template.substring(open + 1, close))));
                at = close + 1;
            }
        }

        private String pathValue(String name) {
            var roll = generated.below(10);
            var known = ids.get(name);
            if (roll < 6 && known != null) {
                return generated.pick(known);
            }
            if (roll < 7) {
                return UUID.randomUUID().toString();
            }
            var text = generated.text();
            // an empty segment names another route; the point is an odd id of this one (and one
            // over the header limit, now and then)
            var limit = generated.chance(0.02) ? 20_000 : 1000;
            return text.isEmpty() ? "x" : text.length() > limit ? text.substring(0, limit) : text;
        }

        private String query() {
            var parts = new ArrayList<String>();
            for (var parameter : operation.definition().path("parameters")) {
                if (!parameter.path("in").asString().equals("query") || generated.chance(0.15)) {
                    continue;
                }
                var name = parameter.path("name").asString();
                parts.add(encode(name) + "=" + encode(queryValue(name)));
            }
            if (generated.chance(0.1)) {
                parts.add(encode(generated.word()) + "=" + encode(generated.text()));
            }
            if (generated.chance(0.03)) {
                parts.add(generated.pick(List.of("a=%C3", "=", "&&", "a=%00", "%FF=%FE")));
            }
            return parts.isEmpty() ? "" : "?" + String.join("&", parts);
        }

        private String queryValue(String name) {
            var value = unboundedQueryValue(name);
            var limit = generated.chance(0.02) ? 20_000 : 1000;
            return value.length() > limit ? value.substring(0, limit) : value;
        }

        private String unboundedQueryValue(String name) {
            if (name.endsWith("Date")) {
                return generated.chance(0.7) ? generated.date() : generated.text();
            }
            if (ids.containsKey(name) && generated.chance(0.6)) {
                return generated.pick(ids.get(name));
            }
            return generated.chance(0.5) ? generated.word() : generated.text();
        }

        private String jsonBody() {
            var roll = generated.below(100);
            if (roll < 3) {
                return "";
            }
            if (roll < 7) {
                return generated.pick(List.of("{", "[1,", "nul", "{\"a\":}", "\"text\"", "42", "null", "[]"))
                        + (generated.chance(0.3) ? generated.text() : "");
            }
            var media = operation.definition().path("requestBody").path("content").properties().stream()
                    .findFirst()
                    .map(Map.Entry::getValue)
                    .orElse(NODES.objectNode());
            JsonNode body = media.has("example")
                    ? valid(media.path("example").deepCopy())
                    : fromSchema(media.path("schema"), 0);
            var deep = "";
            if (roll >= 30) {
                for (int i = 0, mutations = 1 + generated.below(3); i < mutations; i++) {
                    body = mutate(body);
                }
                if (generated.chance(0.05)) {
                    deep = "[".repeat(1 + generated.below(2000));
                }
            }
            var text = JSON.writeValueAsString(body);
            if (!deep.isEmpty() && text.startsWith("{")) {
                var depth = deep.length();
                text = "{\"deep\":" + deep + "]".repeat(depth) + "," + text.substring(1);
                if (text.endsWith(",}")) {
                    text = text.substring(0, text.length() - 2) + "}";
                }
            }
            return text;
        }

        /** The example with its placeholders filled: a request that should succeed. */
        private JsonNode valid(JsonNode example) {
            if (example instanceof ObjectNode object) {
                for (var property : new ArrayList<>(object.properties())) {
                    var value = property.getValue();
                    if (value.isString() && value.asString().startsWith("<")) {
                        object.put(property.getKey(), integration);
                    } else {
                        valid(value);
                    }
                }
            } else if (example instanceof ArrayNode array) {
                array.forEach(this::valid);
            }
            return example;
        }

        /** A value of the schema (components resolved), with known good values for the fields Herald checks. */
        private JsonNode fromSchema(JsonNode schema, int depth) {
            if (schema.has("$ref")) {
                var name = schema.path("$ref").asString().replace("#/components/schemas/", "");
                return fromSchema(
                        operation.document().path("components").path("schemas").path(name), depth);
            }
            var type = schema.path("type").isArray()
                    ? schema.path("type").get(0).asString()
                    : schema.path("type").asString("object");
            switch (type) {
                case "object" -> {
                    var object = NODES.objectNode();
                    if (depth < 4) {
                        schema.path("properties").properties().forEach(property -> {
                            if (generated.chance(0.9)) {
                                object.set(property.getKey(), hint(property.getKey(), property.getValue(), depth));
                            }
                        });
                    }
                    return object;
                }
                case "array" -> {
                    var array = NODES.arrayNode();
                    for (int i = 0, n = generated.below(3); i < n; i++) {
                        array.add(fromSchema(schema.path("items"), depth + 1));
                    }
                    return array;
                }
                case "integer", "number" -> {
                    return NODES.numberNode(generated.below(1500));
                }
                case "boolean" -> {
                    return NODES.booleanNode(generated.chance(0.5));
                }
                default -> {
                    return NODES.stringNode(
                            schema.path("format").asString().equals("uuid")
                                    ? UUID.randomUUID().toString()
                                    : generated.word());
                }
            }
        }

        private JsonNode hint(String name, JsonNode schema, int depth) {
            return switch (name) {
                case "identifier" -> NODES.stringNode(generated.pick(List.of("webhook", "webhook", "mastodon", "x")));
                case "config" -> JSON.readTree("{\"url\":\"https://hooks.test/h\",\"secret\":\"s3cret\"}");
                case "customerId" -> NODES.stringNode(customer);
                case "postingTimes" -> JSON.readTree("[60, 600]");
                case "picture" -> NODES.stringNode("https://pics.test/a.png");
                case "status" -> NODES.stringNode(generated.pick(List.of("draft", "schedule")));
                default -> fromSchema(schema, depth + 1);
            };
        }

        /** One change somewhere in the tree: a wrong type, an odd value, a huge array, a field less or more. */
        private JsonNode mutate(JsonNode body) {
            var places = new ArrayList<JsonNode>();
            collectContainers(body, places);
            if (places.isEmpty() || generated.chance(0.05)) {
                return replacement(body);
            }
            var container = generated.pick(places);
            if (container instanceof ObjectNode object) {
                var names = new ArrayList<>(object.propertyNames());
                if (names.isEmpty() || generated.chance(0.1)) {
                    object.set(generated.word(), replacement(NODES.nullNode()));
                } else if (generated.chance(0.1)) {
                    object.remove(generated.pick(names));
                } else {
                    var name = generated.pick(names);
                    object.set(name, replacement(object.get(name)));
                }
            } else if (container instanceof ArrayNode array) {
                if (array.isEmpty() || generated.chance(0.3)) {
                    // many copies of an element (or of something else): the row amplifiers
                    var element = array.isEmpty() ? NODES.stringNode("x") : array.get(0);
                    var copies = generated.pick(List.of(2, 51, 101, 401, 5000));
                    // a huge string copied thousands of times, then again, would outgrow any body (and a
                    // Java string): past 8 MB of copies, two are enough
                    if ((long) JSON.writeValueAsString(element).length() * copies > 8L * 1024 * 1024) {
                        copies = 2;
                    }
                    for (int i = 0, n = copies; i < n; i++) {
                        array.add(element.deepCopy());
                    }
                } else {
                    var index = generated.below(array.size());
                    array.set(index, replacement(array.get(index)));
                }
            }
            return body;
        }

        private JsonNode replacement(JsonNode original) {
            return switch (generated.below(9)) {
                case 0 -> NODES.nullNode();
                case 1 -> NODES.numberNode(generated.number());
                case 2 -> NODES.booleanNode(generated.chance(0.5));
                case 3 -> NODES.objectNode().put(generated.word(), generated.text());
                case 4 -> NODES.arrayNode().add(generated.text());
                case 5 -> NODES.stringNode(generated.date());
                case 6 -> NODES.stringNode(UUID.randomUUID().toString());
                case 7 -> NODES.numberNode(generated.chance(0.5) ? 1e308 * 10 : -0.5);
                default -> NODES.stringNode(generated.text());
            };
        }

        private void collectContainers(JsonNode node, List<JsonNode> into) {
            if (node.isObject() || node.isArray()) {
                into.add(node);
                for (var child : node) {
                    collectContainers(child, into);
                }
            }
        }

        private byte[] multipart(String boundary) {
            var out = new ByteArrayOutputStream();
            var field = generated.chance(0.9) ? "file" : generated.word();
            var name = generated.chance(0.7) ? generated.word() + ".png" : generated.text();
            name = name.replace("\"", "").replace("\r", "").replace("\n", "");
            var bytes = generated.chance(0.7) ? PNG : generated.text().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                            + name + "\"\r\nContent-Type: image/png\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes(("\r\n--" + boundary + (generated.chance(0.95) ? "--" : "") + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, so a value stays one segment. */
    private static String encode(String value) {
        var encoded = new StringBuilder();
        for (var b : value.getBytes(StandardCharsets.UTF_8)) {
            var c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
