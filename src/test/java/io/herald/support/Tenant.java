package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * An organization made through the admin API for one test, with its API key; every test works in
 * its own organization, so tests sharing the database never see each other's posts.
 */
public record Tenant(HeraldClient client, String id, String apiKey) {

    public static final String ADMIN = "Bearer test-admin-token";

    public static Tenant create(HeraldClient client) {
        var response = client.post("/admin/v1/organizations", ADMIN, "{\"name\":\"Test " + UUID.randomUUID() + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        var body = response.json();
        return new Tenant(client, body.get("id").asString(), body.get("apiKey").asString());
    }

    /** A webhook integration (a valid config, never called unless the group is published). */
    public String webhook(String name) {
        return integration(name, "webhook", "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"s3cret\"}");
    }

    public String integration(String name, String identifier, String config) {
        return integration(name, identifier, config, null);
    }

    /** An integration of the customer {@code customerId} (none when null). */
    public String integration(String name, String identifier, String config, String customerId) {
        var customer = customerId == null ? "" : ",\"customerId\":\"" + customerId + "\"";
        var body = "{\"name\":\"" + name + "\",\"identifier\":\"" + identifier + "\",\"picture\":\"https://pics.test/"
                + name + ".png\",\"profile\":\"" + name.toLowerCase() + "\"" + customer + ",\"config\":" + config
                + "}";
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

    public HeraldClient.Response get(String path) {
        return client.get(path, apiKey);
    }

    public HeraldClient.Response post(String path, String body) {
        return client.post(path, apiKey, body);
    }

    public HeraldClient.Response delete(String path) {
        return client.delete(path, apiKey);
    }

    /** Creates posts and returns the 201 body. */
    public JsonNode createPosts(String body) {
        var response = post("/public/v1/posts", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }
}
