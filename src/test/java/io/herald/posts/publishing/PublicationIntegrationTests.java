package io.herald.posts.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldClient;
import io.herald.support.Invariants;
import io.herald.support.PlatformStub;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** What a publication does to posts: the order of threads, failures, lateness and dead nodes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublicationIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Scheduler scheduler;

    @Autowired
    PublicationService publications;

    @Autowired
    PublicationDispatcher dispatcher;

    @Autowired
    NodeHeartbeat heartbeat;

    @Autowired
    PublicationRecovery recovery;

    PlatformStub receiver;

    Tenant tenant;

    String integration;

    Rows rows;

    @BeforeEach
    void setUp() {
        rows = new Rows(jdbc);
        receiver = new PlatformStub();
        tenant = Tenant.create(new HeraldClient(port));
        integration = tenant.integration(
                "Hook", "webhook", "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(receiver.url("/hook")));
    }

    @AfterEach
    void tearDown() {
        Invariants.assertScheduleConsistent(jdbc, tenant.id());
        receiver.close();
    }

    @Test
    void publishesAThreadInOrderEachItemAsAReplyToItsPredecessor() {
        var created = tenant.createPosts(
                post("now", null, "[{\"content\":\"one\"},{\"content\":\"two\"},{\"content\":\"three\"}]"));
        var root = created.get(0).get("postId").asString();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> receiver.received("/hook").size() == 3);
        var deliveries = receiver.received("/hook").stream()
                .map(r -> json.readTree(r.body()).path("post"))
                .toList();
        assertThat(deliveries).extracting(p -> p.path("text").asString()).containsExactly("one", "two", "three");
        assertThat(deliveries).extracting(p -> p.path("threadIndex").asInt()).containsExactly(0, 1, 2);
        assertThat(deliveries.get(0).path("parentPostId").isNull()).isTrue();
        assertThat(deliveries.get(1).path("parentPostId").asString()).isEqualTo(root);
        assertThat(deliveries.get(2).path("parentPostId").asString())
                .isEqualTo(deliveries.get(1).path("id").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> states(root).equals(Map.of("PUBLISHED", 3L)));
    }

    @Test
    void waitsAThreadItemsDelayAfterItsPredecessorWentOut() {
        // 0.05 minutes: 3 seconds
        tenant.createPosts(post("now", null, "[{\"content\":\"first\"},{\"content\":\"later\",\"delay\":0.05}]"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.received("/hook").size() == 2);
        var first = Long.parseLong(receiver.received("/hook").get(0).header("X-Herald-Timestamp"));
        var second = Long.parseLong(receiver.received("/hook").get(1).header("X-Herald-Timestamp"));
        assertThat(second - first).isGreaterThanOrEqualTo(2);
    }

    @Test
    void failsTheRestOfAThreadWhenOneOfItsItemsIsRefused() {
        receiver.answer(request ->
                json.readTree(request.body()).path("post").path("threadIndex").asInt() == 1
                        ? PlatformStub.Answer.json(400, "{\"error\":\"duplicate content\"}")
                        : PlatformStub.Answer.json(200, "{}"));
        var created =
                tenant.createPosts(post("now", null, "[{\"content\":\"a\"},{\"content\":\"b\"},{\"content\":\"c\"}]"));
        var root = created.get(0).get("postId").asString();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> states(root).getOrDefault("QUEUE", 0L) == 0
                        && states(root).getOrDefault("PUBLISHING", 0L) == 0);
        var errors = jdbc.sql(
                        "select thread_index, state, error from posts where id = cast(:root as uuid) or root_post_id = cast(:root as uuid) order by thread_index")
                .param("root", root)
                .query((row, n) -> row.getInt(1) + " " + row.getString(2) + " " + row.getString(3))
                .list();
        assertThat(errors)
                .containsExactly(
                        "0 PUBLISHED null",
                        "1 ERROR the webhook refused it (HTTP 400): duplicate content",
                        "2 ERROR Not published: thread item 1 before it failed");
        assertThat(receiver.received("/hook")).hasSize(2);
    }

    @Test
    void publishesAPostWhoseDateIsPastAtOnce() {
        var root = tenant.createPosts(
                        post("schedule", Instant.now().minus(2, ChronoUnit.HOURS), "[{\"content\":\"late\"}]"))
                .get(0)
                .get("postId")
                .asString();

        await().atMost(Duration.ofSeconds(20)).until(() -> states(root).equals(Map.of("PUBLISHED", 1L)));
        assertThat(receiver.received("/hook")).hasSize(1);
    }

    @Test
    void failsAsMissedAPostMoreThanADayLateAndNeverSendsIt() {
        var root = tenant.createPosts(
                        post("schedule", Instant.now().plus(1, ChronoUnit.HOURS), "[{\"content\":\"stale\"}]"))
                .get(0)
                .get("postId")
                .asString();
        // What a day of downtime leaves: the post was due 25 hours ago and nobody sent it.
        jdbc.sql("update posts set due_at = now() - interval '25 hours' where id = cast(:id as uuid)")
                .param("id", root)
                .update();

        await().atMost(Duration.ofSeconds(20)).until(() -> states(root).equals(Map.of("ERROR", 1L)));
        var error = jdbc.sql("select error from posts where id = cast(:id as uuid)")
                .param("id", root)
                .query(String.class)
                .single();
        assertThat(error).startsWith("Missed: Herald was not running at the publish time and came back 25 h later");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void publishesAtOnceAPostScheduledForADateLongPast() {
        var root = tenant.createPosts(
                        post("schedule", Instant.now().minus(400, ChronoUnit.DAYS), "[{\"content\":\"late\"}]"))
                .get(0)
                .get("postId")
                .asString();

        await().atMost(Duration.ofSeconds(20)).until(() -> states(root).equals(Map.of("PUBLISHED", 1L)));
        assertThat(receiver.received("/hook")).hasSize(1);
    }

    @Test
    void failsThePostsOfNodesDeadByTheirHeartbeatButNoneOfALiveNodeOrOfAnotherCluster() {
        var cluster = cluster();
        // What nodes killed in the middle of a publication leave: posts held in their names, one by a
        // node whose row is gone, one by a node whose last beat is older than the threshold (its row
        // is there before its post, as in life).
        jdbc.sql("""
                        insert into publishing_nodes (cluster, node, joined_at, beat_at) values
                          (:cluster, 'node-gone-quiet', now() - interval '1 hour', now() - interval '61 seconds'),
                          (:cluster, 'node-alive', now() - interval '1 hour', now() - interval '30 seconds')
                        """).param("cluster", cluster).update();
        var gone = held("node-that-died", cluster, "[{\"content\":\"held\"},{\"content\":\"after\"}]");
        var stale = held("node-gone-quiet", cluster, "[{\"content\":\"quiet\"}]");
        var alive = held("node-alive", cluster, "[{\"content\":\"alive\"}]");
        var elsewhere = held("node-that-died", "another-cluster", "[{\"content\":\"elsewhere\"}]");
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> states(gone).equals(Map.of("ERROR", 2L))
                            && states(stale).equals(Map.of("ERROR", 1L)));

            assertThat(errors(gone))
                    .containsExactly(PublicationRecovery.ABANDONED, "Not published: thread item 0 before it failed");
            assertThat(errors(stale)).containsExactly(PublicationRecovery.ABANDONED);
            assertThat(states(alive)).isEqualTo(Map.of("PUBLISHING", 1L));
            assertThat(states(elsewhere)).isEqualTo(Map.of("PUBLISHING", 1L));
            assertThat(jdbc.sql("select node from publishing_nodes where cluster = :cluster")
                            .param("cluster", cluster)
                            .query(String.class)
                            .list())
                    .as("the stale node was declared dead; this node and the live one remain")
                    .containsExactlyInAnyOrder("node-alive", heartbeat.node());
            assertThat(receiver.received()).isEmpty();
        } finally {
            jdbc.sql("delete from publishing_nodes where node = 'node-alive'").update();
            jdbc.sql("update posts set state = 'ERROR' where id in (cast(:a as uuid), cast(:b as uuid))")
                    .param("a", alive)
                    .param("b", elsewhere)
                    .update();
        }
    }

    @Test
    void aNodeResumedAfterAFreezeDoesNotDeclareItselfDead() {
        // what this node's own row looks like to itself when it resumes after a long freeze
        jdbc.sql("update publishing_nodes set beat_at = now() - interval '1 hour' where node = :node")
                .param("node", heartbeat.node())
                .update();

        try {
            recovery.abandonPostsOfDeadNodes();

            assertThat(jdbc.sql("select count(*) from publishing_nodes where node = :node")
                            .param("node", heartbeat.node())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            // as its next beat would: a stale row of its own keeps a node from claiming
            jdbc.sql("update publishing_nodes set beat_at = now() where node = :node")
                    .param("node", heartbeat.node())
                    .update();
        }
    }

    @Test
    void aClaimWhoseAnswerThisNodeNeverGotGoesBackToTheQueueAndOutOnce() {
        // What a claim whose commit was not acknowledged leaves: the post held by this node, under a
        // claim none of its senders has. Nothing was sent for it.
        var root = held(heartbeat.node(), cluster(), "[{\"content\":\"unacknowledged\"}]");

        await().atMost(Duration.ofSeconds(20)).until(() -> states(root).equals(Map.of("PUBLISHED", 1L)));
        assertThat(receiver.received("/hook"))
                .extracting(r -> r.header("X-Herald-Delivery"))
                .containsExactly(root);
    }

    /**
     * The claim is what a record must match: a send held past stuck-after is failed as outcome
     * unknown, the user queues the group again, this node claims and sends the post a second time, and
     * then the first send comes back. (The first send's claim is dated back past stuck-after, which is
     * what a send frozen longer than that, a paused VM, would look like: a healthy one is cut off by
     * the send timeout before.)
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aSendWhoseClaimWasGivenUpIsLoggedAndNeverRecordedOverTheNextClaim(CapturedOutput output) {
        var first = new CountDownLatch(1);
        var second = new CountDownLatch(1);
        var requests = new AtomicInteger();
        receiver.answer(request -> requests.incrementAndGet() == 1
                ? PlatformStub.Answer.json(200, "{\"id\":\"first\",\"url\":\"https://platform.test/first\"}")
                        .after(() -> hold(first))
                : PlatformStub.Answer.json(200, "{\"id\":\"second\",\"url\":\"https://platform.test/second\"}")
                        .after(() -> hold(second)));
        var created = tenant.createPosts(post("now", null, "[{\"content\":\"twice\"}]"));
        var root = created.get(0).get("postId").asString();
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.received("/hook").size() == 1);
            var firstClaim = claim(root);
            jdbc.sql("update posts set publishing_since = now() - interval '1 hour' where id = cast(:id as uuid)")
                    .param("id", root)
                    .update();
            await().atMost(Duration.ofSeconds(20)).until(() -> states(root).equals(Map.of("ERROR", 1L)));
            assertThat(errors(root)).containsExactly(PublicationRecovery.ABANDONED);

            var requeued = tenant.client()
                    .put("/public/v1/posts/" + root + "/status", tenant.apiKey(), "{\"status\":\"schedule\"}");
            assertThat(requeued.status()).as(requeued.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.received("/hook").size() == 2);
            var secondClaim = claim(root);
            assertThat(secondClaim).isNotEqualTo(firstClaim);

            first.countDown();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> output.getOut()
                            .contains("Post " + root + " went out (release id first, URL"
                                    + " https://platform.test/first) under claim " + firstClaim
                                    + ", which is no longer its claim"));
            assertThat(states(root)).isEqualTo(Map.of("PUBLISHING", 1L));
            assertThat(claim(root)).isEqualTo(secondClaim);

            second.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> states(root).equals(Map.of("PUBLISHED", 1L)));
            assertThat(jdbc.sql("select release_id || ' ' || release_url from posts where id = cast(:id as uuid)")
                            .param("id", root)
                            .query(String.class)
                            .single())
                    .isEqualTo("second https://platform.test/second");
            assertThat(receiver.received("/hook"))
                    .extracting(r -> r.header("X-Herald-Delivery"))
                    .containsExactly(root, root);
        } finally {
            first.countDown();
            second.countDown();
        }
    }

    @Test
    void publishesADuePostWhoseAlarmWasLost() throws Exception {
        var root = tenant.createPosts(post("draft", Instant.now().minusSeconds(5), "[{\"content\":\"orphan\"}]"))
                .get(0)
                .get("postId")
                .asString();
        // Queued and due, but no alarm rings for it: what a node dying in the middle of an alarm leaves.
        jdbc.sql(
                        "update posts set state = 'QUEUE', due_at = publish_date, cluster = :cluster where id = cast(:id as uuid)")
                .param("id", root)
                .param("cluster", scheduler.getSchedulerName())
                .update();

        await().atMost(Duration.ofSeconds(30)).until(() -> states(root).equals(Map.of("PUBLISHED", 1L)));
        assertThat(receiver.received("/hook")).hasSize(1);
    }

    @Test
    void aNodeWithNoRoomForMoreDuePostsRemovesEveryDueAlarmAndStillPublishesEveryPost() throws Exception {
        // Quartz and this node's publisher pause, so the claim below is the only one.
        scheduler.standby();
        dispatcher.pause();
        try {
            var due = new ArrayList<String>();
            for (int i = 0; i < 12; i++) {
                due.add(tenant.createPosts(post("now", null, "[{\"content\":\"burst %d\"}]".formatted(i)))
                        .get(0)
                        .get("group")
                        .asString());
            }
            var later = tenant.createPosts(
                            post("schedule", Instant.now().plus(1, ChronoUnit.HOURS), "[{\"content\":\"later\"}]"))
                    .get(0)
                    .get("group")
                    .asString();

            var claims = publications.claimDue(4, Duration.ZERO);

            assertThat(claims).hasSize(4);
            assertThat(due).allSatisfy(group -> assertThat(rows.alarms(group)).isZero());
            assertThat(rows.alarms(later)).isEqualTo(1);
            claims.forEach(publications::publish);
        } finally {
            dispatcher.resume();
            scheduler.start();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.received("/hook").size() == 12);
        assertThat(receiver.received("/hook"))
                .extracting(
                        r -> json.readTree(r.body()).path("post").path("text").asString())
                .containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, 12)
                        .mapToObj(i -> "burst " + i)
                        .toArray(String[]::new));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from posts where organization_id = cast(:org as uuid)"
                                        + " and state = 'PUBLISHED'")
                                .param("org", tenant.id())
                                .query(Long.class)
                                .single()
                        == 12);
    }

    /**
     * A draft thread put in the state a publisher leaves it in: its root PUBLISHING in {@code node}'s
     * name under a claim of its own, the rest queued, all of {@code cluster}.
     */
    private String held(String node, String cluster, String values) {
        var root = tenant.createPosts(post("draft", Instant.now(), values))
                .get(0)
                .get("postId")
                .asString();
        jdbc.sql("""
                        update posts set state = case when id = cast(:id as uuid) then 'PUBLISHING' else 'QUEUE' end,
                                         publishing_node = case when id = cast(:id as uuid) then :node end,
                                         publishing_since = case when id = cast(:id as uuid) then now() end,
                                         claim_id = case when id = cast(:id as uuid) then gen_random_uuid() end,
                                         due_at = case when id = cast(:id as uuid) then now() end,
                                         cluster = :cluster
                        where id = cast(:id as uuid) or root_post_id = cast(:id as uuid)
                        """)
                .param("id", root)
                .param("node", node)
                .param("cluster", cluster)
                .update();
        return root;
    }

    private String cluster() {
        try {
            return scheduler.getSchedulerName();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID claim(String post) {
        return jdbc.sql("select claim_id from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query(UUID.class)
                .single();
    }

    /** The errors of the root's thread, in thread order. */
    private List<String> errors(String root) {
        return jdbc.sql("select error from posts where id = cast(:root as uuid) or root_post_id = cast(:root as uuid)"
                        + " order by thread_index")
                .param("root", root)
                .query(String.class)
                .list();
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String post(String type, Instant date, String values) {
        return """
                {"type":"%s",%s"shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":%s}]}
                """.formatted(type, date == null ? "" : "\"date\":\"" + date + "\",", integration, values);
    }

    /** How many posts of the root's thread are in each state. */
    private Map<String, Long> states(String root) {
        var states = new java.util.TreeMap<String, Long>();
        jdbc.sql(
                        "select state, count(*) from posts where (id = cast(:root as uuid) or root_post_id = cast(:root as uuid))"
                                + " and deleted_at is null group by state")
                .param("root", root)
                .query((row, n) -> states.put(row.getString(1), row.getLong(2)))
                .list();
        return states;
    }
}
