package io.herald.integrations;

import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldClient;
import io.herald.support.Tenant;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A tenant's posts to one integration, as the publishing tests make and watch them through the API. */
public record Publishing(Tenant tenant, String integration) {

    /** Posts {@code values} (the JSON of the {@code value} array, without its brackets) now; answers the post's id. */
    public String now(String values) {
        return now("{}", values);
    }

    /** Posts {@code values} now with these {@code settings}; answers the post's id. */
    public String now(String settings, String values) {
        return tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":%s,"value":[%s]}]}""".formatted(integration, settings, values))
                .get(0)
                .path("postId")
                .asString();
    }

    /** A create of {@code values} (the {@code value} array) scheduled far ahead, as the API answers it. */
    public HeraldClient.Response schedule(String settings, String values) {
        return tenant.post("/public/v1/posts", """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":%s,"value":%s}]}""".formatted(integration, settings, values));
    }

    /** The post as listed once its {@code status} is this one (waiting up to 30 seconds). */
    public JsonNode awaitStatus(String postId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> listed(postId).path("status").asString().equals(status));
        return listed(postId);
    }

    /** The post as {@code GET /public/v1/posts} lists it now. */
    public JsonNode listed(String postId) {
        for (var post : tenant.get("/public/v1/posts?startDate=2000-01-01&endDate=2100-01-01")
                .json()
                .path("posts")) {
            if (post.path("id").asString().equals(postId)) {
                return post;
            }
        }
        throw new AssertionError("post " + postId + " is not listed");
    }
}
