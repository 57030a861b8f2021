package io.herald.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldInstance;
import io.herald.support.HeraldProcess;
import io.herald.support.Tenant;
import io.herald.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The change feed under writers on two nodes: a reader paging with a small limit while both nodes
 * create, re-state and delete groups sees every committed event exactly once, in the feed's order.
 */
class EventFeedClusterIntegrationTests {

    private static final int ROUNDS = 8;

    private final JdbcClient jdbc = JdbcClient.create(
            new SimpleDriverDataSource(new org.postgresql.Driver(), TestDatabase.url(), "postgres", ""));

    @Test
    void aReaderPagingWhileTwoNodesWriteGetsEveryEventOnceInOrder() throws Exception {
        var settings = new String[] {
            HeraldInstance.cluster("herald-feed"),
            "herald.rate-limit.posts-per-hour=0",
            "herald.events.sequence-interval=50ms"
        };
        var startB = CompletableFuture.supplyAsync(() -> HeraldProcess.start(settings));
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try (var a = HeraldProcess.start(settings);
                var b = startB.join()) {
            var tenant = Tenant.create(a.client());
            var integration = tenant.webhook("Feed");
            var viaB = new Tenant(b.client(), tenant.id(), tenant.apiKey());
            var writing = new ArrayList<Future<?>>();
            for (var node : List.of(tenant, viaB, tenant, viaB)) {
                writing.add(writers.submit(() -> write(node, integration)));
            }
            var seen = new ArrayList<String>();
            var cursor = "";
            var done = new AtomicBoolean();
            var reads = 0;
            while (true) {
                var finished = writing.stream().allMatch(Future::isDone);
                var reader = reads++ % 2 == 0 ? tenant : viaB;
                var page = reader.get("/public/v1/events?limit=7&after=" + cursor);
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                var events = page.json().get("events");
                events.forEach(event -> seen.add(event.get("id").asString()));
                cursor = page.json().get("nextCursor").asString();
                if (finished && events.isEmpty()) {
                    done.set(true);
                    break;
                }
            }
            for (var future : writing) {
                future.get();
            }
            a.stop();
            b.stop();

            var rows = jdbc.sql(
                            "select id::text from events where organization_id = cast(:org as uuid) order by position")
                    .param("org", tenant.id())
                    .query(String.class)
                    .list();
            assertThat(rows).hasSize(4 * ROUNDS * 3);
            assertThat(jdbc.sql("select count(*) from events where organization_id = cast(:org as uuid)"
                                    + " and position is null")
                            .param("org", tenant.id())
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(seen).as("the pages, read while writing").containsExactlyElementsOf(rows);
            assertThat(done).isTrue();
        } finally {
            writers.shutdownNow();
        }
    }

    /** Rounds of: a draft group created, queued for 2030, and deleted: three events each. */
    private static void write(Tenant node, String integration) {
        for (int i = 0; i < ROUNDS; i++) {
            var group = node.createPosts("""
                            {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                             "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}""".formatted(integration, UUID.randomUUID()))
                    .get(0);
            var status = node.client()
                    .put(
                            "/public/v1/posts/" + group.get("postId").asString() + "/status",
                            node.apiKey(),
                            "{\"status\":\"schedule\"}");
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            var deleted =
                    node.delete("/public/v1/posts/group/" + group.get("group").asString());
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        }
    }
}
