package io.herald.posts.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldInstance;
import io.herald.support.HeraldProcess;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import io.herald.support.TestDatabase;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A node frozen while it sends (SIGSTOP, as a long GC or VM pause would freeze it) is judged by
 * its heartbeat on the database's clock against {@code node-dead-after} (20 s here): frozen for
 * less, it is alive, whatever Quartz thinks of its check-ins (Quartz gave a node up after about
 * 12.5 s), and records its send; frozen for longer, a survivor fails its post, and the resumed node
 * neither records over that nor claims anything before it has joined again. Two nodes of a cluster
 * of their own, in processes of their own; the tests run in order on the same two nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeLivenessIntegrationTests {

    private static final String[] SETTINGS = {
        HeraldInstance.cluster("herald-liveness-" + UUID.randomUUID()),
        "herald.publishing.node-dead-after=20s",
        "herald.publishing.heartbeat-interval=1s",
        "herald.publishing.recovery-interval=1s",
        // the platform holds sends longer than any pause here; Herald waits for it
        "herald.platforms.request-timeout=120s"
    };

    private final JdbcClient jdbc = JdbcClient.create(
            new SimpleDriverDataSource(new org.postgresql.Driver(), TestDatabase.url(), "postgres", ""));

    /** Every delivery waits for its post's latch. */
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    private PlatformStub platform;

    private HeraldProcess frozen;

    private HeraldProcess survivor;

    private Tenant viaFrozen;

    private Tenant viaSurvivor;

    private String integration;

    @BeforeAll
    void startTwoNodes() throws Exception {
        platform = new PlatformStub();
        platform.answer(request -> {
            var post = request.header("X-Herald-Delivery");
            return PlatformStub.Answer.json(
                            200, "{\"id\":\"r-%s\",\"url\":\"https://platform.test/%s\"}".formatted(post, post))
                    .after(() -> hold(latch(post)));
        });
        var starting = CompletableFuture.supplyAsync(() -> HeraldProcess.start(SETTINGS));
        // one sending slot: once it holds a send, the survivor claims nothing more
        survivor = HeraldProcess.start(concat(SETTINGS, "herald.publishing.threads=1"));
        frozen = starting.get(200, TimeUnit.SECONDS);
        viaFrozen = Tenant.create(frozen.client());
        viaSurvivor = new Tenant(survivor.client(), viaFrozen.id(), viaFrozen.apiKey());
        integration = viaFrozen.integration(
                "Frozen", "webhook", "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(platform.url("/hook")));
    }

    @AfterAll
    void stopNodes() {
        holds.values().forEach(CountDownLatch::countDown);
        try {
            frozen.close();
            survivor.close();
        } finally {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aNodeFrozenForLessThanTheThresholdIsStillAliveAndRecordsItsSend() throws Exception {
        var post = nowPost(viaFrozen, "frozen briefly");
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(post) == 1);
        var node = node(post);

        frozen.pause();
        try {
            Thread.sleep(15_000); // the freeze itself: longer than Quartz allowed, shorter than the threshold
            assertThat(beatAge(node))
                    .as("its heartbeat was older than Quartz's 12.5 s while the survivor swept")
                    .isGreaterThan(Duration.ofSeconds(13));
        } finally {
            frozen.resume();
        }
        latch(post).countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> "PUBLISHED".equals(state(post)));
        assertThat(row(post)).isEqualTo(Map.of("error", "none", "release", "r-" + post, "node", node));
        assertThat(delivered(post)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aNodeFrozenPastTheThresholdLosesItsPostAndClaimsNothingUntilItJoinsAgain() throws Exception {
        var lost = nowPost(viaFrozen, "frozen too long");
        var busy = nowPost(viaSurvivor, "keeps the survivor busy");
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(lost) == 1 && delivered(busy) == 1);
        var node = node(lost);
        assertThat(node(busy)).isNotEqualTo(node);
        String waiting;

        frozen.pause();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> "ERROR".equals(state(lost)));
            assertThat(error(lost)).isEqualTo(PublicationRecovery.ABANDONED);
            assertThat(members()).as("declared dead").doesNotContain(node);
            // due while the frozen node is away and the survivor has no free slot
            waiting = nowPost(viaSurvivor, "waits for the frozen node");
            latch(waiting).countDown();
        } finally {
            frozen.resume();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> "PUBLISHED".equals(state(waiting)));
        assertThat(node(waiting)).isEqualTo(node);
        assertThat(jdbc.sql("""
                        select p.publishing_since >= n.joined_at from posts p, publishing_nodes n
                        where p.id = cast(:post as uuid) and n.node = p.publishing_node and n.cluster = p.cluster
                        """).param("post", waiting).query(Boolean.class).single())
                .as("claimed after it joined again")
                .isTrue();

        latch(lost).countDown();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(frozen.log())
                        .contains("Post " + lost + " went out (release id r-" + lost + ", URL https://platform.test/"
                                + lost + ") under claim"));
        assertThat(Files.readString(frozen.log())).contains("Node " + node + " was declared dead");
        assertThat(state(lost)).isEqualTo("ERROR");
        assertThat(row(lost)).containsEntry("release", "none");

        latch(busy).countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> "PUBLISHED".equals(state(busy)));
        assertThat(delivered(lost)).isEqualTo(1);
        assertThat(delivered(busy)).isEqualTo(1);
        assertThat(delivered(waiting)).isEqualTo(1);
    }

    private String nowPost(Tenant tenant, String content) {
        return tenant.createPosts("""
                        {"type":"now","shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}
                        """.formatted(integration, content))
                .get(0)
                .get("postId")
                .asString();
    }

    private CountDownLatch latch(String post) {
        return holds.computeIfAbsent(post, key -> new CountDownLatch(1));
    }

    private long delivered(String post) {
        return platform.received("/hook").stream()
                .filter(r -> post.equals(r.header("X-Herald-Delivery")))
                .count();
    }

    private String state(String post) {
        return column(post, "state");
    }

    private String error(String post) {
        return column(post, "error");
    }

    private String node(String post) {
        return column(post, "publishing_node");
    }

    private String column(String post, String column) {
        return jdbc.sql("select " + column + " from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
    }

    private Map<String, String> row(String post) {
        return jdbc.sql("select coalesce(error, 'none') as error, coalesce(release_id, 'none') as release,"
                        + " publishing_node from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query((rs, n) -> Map.of(
                        "error", rs.getString("error"),
                        "release", rs.getString("release"),
                        "node", rs.getString("publishing_node")))
                .single();
    }

    private java.util.List<String> members() {
        return jdbc.sql("select node from publishing_nodes where cluster = :cluster")
                .param("cluster", SETTINGS[0].substring(SETTINGS[0].indexOf('=') + 1))
                .query(String.class)
                .list();
    }

    /** How old the node's last heartbeat is, by the database's clock. */
    private Duration beatAge(String node) {
        return Duration.ofMillis(jdbc.sql("select (extract(epoch from now() - beat_at) * 1000)::bigint"
                        + " from publishing_nodes where node = :node")
                .param("node", node)
                .query(Long.class)
                .single());
    }

    private static String[] concat(String[] settings, String more) {
        var all = java.util.Arrays.copyOf(settings, settings.length + 1);
        all[settings.length] = more;
        return all;
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
