package io.herald.posts.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostsSmokeIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void createsListsAndDeletes() {
        var tenant = Tenant.create(new HeraldClient(port));
        var a = tenant.webhook("A");
        var b = tenant.webhook("B");
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[{"value":"l","label":"Launch"}],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"<p>Hello</p>"},{"content":"two"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"Hello B"}]}]}
                """.formatted(a, b));
        System.out.println(created);
        var list = tenant.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02");
        System.out.println(list.body());
        var deleted =
                tenant.delete("/public/v1/posts/" + created.get(0).get("postId").asString());
        System.out.println(deleted.body());
        assertThat(deleted.status()).isEqualTo(200);
    }
}
