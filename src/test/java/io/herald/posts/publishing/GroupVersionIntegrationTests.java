package io.herald.posts.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A group's version grows with every change of it, whichever statement made the change. */
@HeraldIntegrationTest
class GroupVersionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    GroupLifecycle lifecycle;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(new HeraldClient(port));
    }

    @Test
    void growsWithEveryChangeOfTheGroupAndIsZeroForNone() {
        var integration = tenant.webhook("A");
        var created = tenant.createPosts("""
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"root"},{"content":"reply"}]}]}""".formatted(integration));
        var post = created.get(0).path("postId").asString();
        var group = UUID.fromString(created.get(0).path("group").asString());
        var asCreated = lifecycle.version(group);

        tenant.client().put("/public/v1/posts/" + post + "/status", tenant.apiKey(), "{\"status\":\"schedule\"}");
        var queued = lifecycle.version(group);
        tenant.client().put("/public/v1/posts/" + post + "/status", tenant.apiKey(), "{\"status\":\"schedule\"}");
        var queuedAgain = lifecycle.version(group);
        tenant.delete("/public/v1/posts/" + post);
        var deleted = lifecycle.version(group);

        assertThat(asCreated).isEqualTo(2);
        assertThat(queued).isGreaterThan(asCreated);
        assertThat(queuedAgain).as("queuing a queued group changes it too").isGreaterThan(queued);
        assertThat(deleted).isGreaterThan(queuedAgain);
        assertThat(lifecycle.version(UUID.randomUUID())).isZero();
    }
}
