package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An organization made through the admin API for one test, with its API key; every test works in
 * its own organization, so tests sharing the database never see each other's posts.
 */
public record Tenant(HeraldClient client, String id, String apiKey) {

    /** The admin token of the tests (src/test/resources/config/application.properties). */
    public static final String ADMIN_TOKEN = "test-admin-token";

    public static final String ADMIN = "Bearer " + ADMIN_TOKEN;

    /** The config of {@link #webhook}: its secret must never appear in an answer. */
    public static final String WEBHOOK_CONFIG = "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"s3cret\"}";

    public static Tenant create(HeraldClient client) {
        var response = client.post("/admin/v1/organizations", ADMIN, "{\"name\":\"Test " + UUID.randomUUID() + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        var body = response.json();
        return new Tenant(client, body.get("id").asString(), body.get("apiKey").asString());
    }

    /** A webhook integration (a valid config, never called unless the group is published). */
    public String webhook(String name) {
        return webhook(name, null);
    }

    /** A webhook integration of the customer. */
    public String webhook(String name, String customerId) {
        return integration(name, "webhook", WEBHOOK_CONFIG, customerId);
    }

    public String integration(String name, String identifier, String config) {
        return integration(name, identifier, config, null);
    }

    /** An integration of the customer ({@code null}: of no customer). */
    public String integration(String name, String identifier, String config, String customerId) {
        var customer = customerId == null ? "" : ",\"customerId\":\"" + customerId + "\"";
        var body = "{\"name\":\"" + name + "\",\"identifier\":\"" + identifier + "\",\"picture\":\"https://pics.test/"
                + name + ".png\",\"profile\":\"" + name.toLowerCase() + "\",\"config\":" + config + customer + "}";
        var response = client.post("/admin/v1/organizations/" + id + "/integrations", ADMIN, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    public String customer(String name) {
        var response =
                client.post("/admin/v1/organizations/" + id + "/customers", ADMIN, "{\"name\":\"" + name + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    /** A further API key of this organization. */
    public Key createKey() {
        var response = client.post("/admin/v1/organizations/" + id + "/api-keys", ADMIN, "{}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return new Key(
                response.json().get("id").asString(),
                response.json().get("apiKey").asString());
    }

    public HeraldClient.Response revokeKey(String keyId) {
        return client.delete("/admin/v1/organizations/" + id + "/api-keys/" + keyId, ADMIN);
    }

    public HeraldClient.Response patchIntegration(String integrationId, String body) {
        return client.patch("/admin/v1/integrations/" + integrationId, ADMIN, body);
    }

    public HeraldClient.Response deleteIntegration(String integrationId) {
        return client.delete("/admin/v1/integrations/" + integrationId, ADMIN);
    }

    public HeraldClient.Response get(String path) {
        return client.get(path, apiKey);
    }

    public HeraldClient.Response post(String path, String body) {
        return client.post(path, apiKey, body);
    }

    public HeraldClient.Response delete(String path) {
        return client.delete(path, apiKey);
    }

    /** Sends this with the organization's key and these headers; {@code body} null means none. */
    public HeraldClient.Response send(String method, String path, String body, Map<String, String> headers) {
        return client.send(method, path, apiKey, body, headers);
    }

    /** Creates posts and returns the 201 body. */
    public JsonNode createPosts(String body) {
        var response = post("/public/v1/posts", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    public record Key(String id, String apiKey) {}
}
