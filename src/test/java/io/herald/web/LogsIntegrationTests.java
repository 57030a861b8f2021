package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldClient;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What Herald writes to its log: every line of a request carries the request's id (also returned
 * as {@code X-Request-Id}), and no credential ever appears, whatever the request did with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LogsIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void everyLineOfARequestCarriesItsIdWhichTheResponseReturns(CapturedOutput output) {
        var tenant = Tenant.create(new HeraldClient(port));
        // A body that does not parse makes Herald log a warning while it handles the request.
        var response = tenant.post("/public/v1/posts", "{oops");

        var id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(5)).until(() -> linesWith(output, id).size() >= 2);
        assertThat(linesWith(output, id))
                .anyMatch(line ->
                        line.contains("WARN") && line.contains("Unreadable request body on POST /public/v1/posts"))
                .anyMatch(line -> line.contains("io.herald.requests") && line.contains("POST /public/v1/posts 400 "));
    }

    @Test
    void takesASaneRequestIdFromTheCallerAndReplacesAnyOther() {
        var client = new HeraldClient(port);

        assertThat(send(client, "GET", "/actuator/health", null, "proxy-7f3a.42:x_y")
                        .headers()
                        .firstValue("X-Request-Id"))
                .contains("proxy-7f3a.42:x_y");
        for (var insane : List.of("has spaces", "x".repeat(129), "{\"forged\":true}", "")) {
            assertThat(send(client, "GET", "/actuator/health", null, insane)
                            .headers()
                            .firstValue("X-Request-Id")
                            .orElseThrow())
                    .as(insane)
                    .matches("[0-9a-f]{32}");
        }
    }

    @Test
    void neitherKeysNorTheAdminTokenNorIntegrationSecretsAppearInTheLogs(CapturedOutput output) {
        var client = new HeraldClient(port);
        var secrets = new ArrayList<String>(List.of("test-admin-token"));
        try (var platform = new PlatformStub()) {
            platform.answer(request -> request.path().equals("/fails")
                    ? PlatformStub.Answer.json(503, "{\"error\":\"down for maintenance\"}")
                    : PlatformStub.Answer.json(200, "{}"));
            var tenant = Tenant.create(client);
            secrets.add(tenant.apiKey());

            var webhookSecret = secret("whsec");
            var mastodonToken = secret("mastodon");
            var blueskyPassword = secret("bsky");
            var rotatedSecret = secret("rotated");
            secrets.addAll(List.of(webhookSecret, mastodonToken, blueskyPassword, rotatedSecret));
            var hook = tenant.integration("Hook", "webhook", webhookConfig(platform.url("/hook"), webhookSecret));
            var failing =
                    tenant.integration("Failing", "webhook", webhookConfig(platform.url("/fails"), webhookSecret));
            tenant.integration(
                    "Toots",
                    "mastodon",
                    "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"" + mastodonToken + "\"}");
            tenant.integration(
                    "Sky",
                    "bluesky",
                    "{\"service\":\"https://bsky.test\",\"identifier\":\"me.bsky.test\",\"appPassword\":\""
                            + blueskyPassword + "\"}");
            // Refused configurations, a rotated secret and a body that does not parse, all carrying secrets.
            var path = "/admin/v1/organizations/" + tenant.id() + "/integrations";
            assertThat(client.post(
                                    path,
                                    Tenant.ADMIN,
                                    "{\"name\":\"Bad\",\"identifier\":\"webhook\",\"config\":{\"url\":\"not a url\",\"secret\":\""
                                            + webhookSecret + "\"}}")
                            .status())
                    .isEqualTo(400);
            assertThat(client.post(
                                    path,
                                    Tenant.ADMIN,
                                    "{\"name\":\"Broken\",\"config\":{\"secret\":" + webhookSecret + "}}")
                            .status())
                    .isEqualTo(400);
            assertThat(client.patch(
                                    "/admin/v1/integrations/" + hook,
                                    Tenant.ADMIN,
                                    "{\"config\":" + webhookConfig(platform.url("/hook"), rotatedSecret) + "}")
                            .status())
                    .isEqualTo(200);

            // Keys: valid raw and Bearer, unknown, revoked; a wrong admin token.
            var extra = client.post("/admin/v1/organizations/" + tenant.id() + "/api-keys", Tenant.ADMIN, "{}")
                    .json();
            var revokedKey = extra.get("apiKey").asString();
            secrets.add(revokedKey);
            assertThat(client.delete(
                                    "/admin/v1/organizations/" + tenant.id() + "/api-keys/"
                                            + extra.get("id").asString(),
                                    Tenant.ADMIN)
                            .status())
                    .isEqualTo(200);
            var unknownKey = secret("hk_");
            var wrongAdminToken = secret("admin");
            secrets.addAll(List.of(unknownKey, wrongAdminToken));
            assertThat(tenant.get("/public/v1/integrations").status()).isEqualTo(200);
            assertThat(client.get("/public/v1/integrations", "Bearer " + tenant.apiKey())
                            .status())
                    .isEqualTo(200);
            assertThat(client.get("/public/v1/integrations", unknownKey).status())
                    .isEqualTo(401);
            assertThat(client.get("/public/v1/integrations", revokedKey).status())
                    .isEqualTo(401);
            assertThat(client.get("/admin/v1/organizations", "Bearer " + wrongAdminToken)
                            .status())
                    .isEqualTo(401);
            assertThat(client.get("/actuator/prometheus", "Bearer " + wrongAdminToken)
                            .status())
                    .isEqualTo(401);

            // Publications: signed with the rotated secret, and one the platform keeps refusing.
            tenant.createPosts(now(hook));
            tenant.createPosts(now(failing));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> platform.received("/hook").size() == 1
                            && platform.received("/fails").size() == 3);
            var last = send(client, "GET", "/public/v1/integrations", null, "last-request-of-the-test");
            assertThat(last.status()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> output.getAll().contains("[last-request-of-the-test]")
                            && output.getAll().contains("failed on webhook"));
        }

        var logs = output.getAll();
        assertThat(logs).contains("Unreadable request body on POST /admin/v1/organizations/");
        for (var secret : secrets) {
            assertThat(logs).as("the log").doesNotContain(secret);
        }
    }

    private static HeraldClient.Response send(
            HeraldClient client, String method, String path, String body, String requestId) {
        var request = HttpRequest.newBuilder(URI.create(client.base() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null && !requestId.isEmpty()) {
            request.header("X-Request-Id", requestId);
        }
        return client.send(request.build());
    }

    private static List<String> linesWith(CapturedOutput output, String text) {
        return output.getAll().lines().filter(line -> line.contains(text)).toList();
    }

    private static String secret(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    private static String webhookConfig(String url, String secret) {
        return "{\"url\":\"" + url + "\",\"secret\":\"" + secret + "\"}";
    }

    private static String now(String integration) {
        return """
                {"type":"now","shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":[{"content":"hi"}]}]}
                """.formatted(integration);
    }
}
