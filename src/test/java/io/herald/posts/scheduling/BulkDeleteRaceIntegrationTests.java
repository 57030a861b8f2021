package io.herald.posts.scheduling;

import static io.herald.support.ExactJson.assertAnswer;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Safe deletion on a publishing Herald (spec §10): {@code POST /public/v1/posts/bulk-delete}'s
 * thousand entries of every kind answer one result each; bulk deletes, and restores racing deletes,
 * never let a deleted post out while publications run. The context is {@link PublicationRaceIntegrationTests}' (the same settings), so it is
 * started once for both.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"herald.publishing.threads=16", "herald.rate-limit.posts-per-hour=0"})
class BulkDeleteRaceIntegrationTests {

    private static final String BULK = "/public/v1/posts/bulk-delete";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    PlatformStub platform;

    Rows rows;

    Tenant tenant;

    String hook;

    @BeforeEach
    void setUp() {
        platform = new PlatformStub();
        rows = new Rows(jdbc);
        tenant = Tenant.create(new HeraldClient(port));
        hook = tenant.integration(
                "Hook", "webhook", "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(platform.url("/hook")));
    }

    @AfterEach
    void tearDown() {
        Invariants.assertScheduleConsistent(jdbc, tenant.id());
        Invariants.assertNoDeletedPostSent(jdbc, tenant.id(), platform.deliveryIds("/hook"));
        platform.close();
    }

    private enum Kind {
        UNKNOWN,
        MALFORMED,
        OTHER_ORGANIZATION,
        PLAIN,
        PARTLY_PUBLISHED,
        PUBLISHED,
        BEING_PUBLISHED
    }

    private record Entry(String id, Kind kind, String group) {}

    @Test
    void aThousandIdsOverFourHundredGroupsAnswerOneResultEachAndRefusedGroupsStayAsTheyWere() throws Exception {
        var a = tenant.webhook("A");
        var b = tenant.webhook("B");
        var intruder = Tenant.create(tenant.client());
        var c = intruder.webhook("C");
        var d = intruder.webhook("D");
        var pair = "{\"integration\":{\"id\":\"%s\"},\"value\":[{\"content\":\"x\"}]},"
                + "{\"integration\":{\"id\":\"%s\"},\"value\":[{\"content\":\"y\"}]}";
        var plain = groups(tenant, 330, pair.formatted(a, b));
        var partly = groups(tenant, 20, pair.formatted(a, b));
        // drafts made PUBLISHED: a group published as a whole has no alarm left
        var published = groups(tenant, 10, "draft", "2030-05-01T09:00:00Z", pair.formatted(a, b));
        var others = groups(intruder, 39, pair.formatted(c, d));
        partly.forEach(group -> rows.setState(rows.members(group).get(1), "PUBLISHED"));
        published.forEach(group -> rows.members(group).forEach(post -> rows.setState(post, "PUBLISHED")));
        // created last, so that its send is held only while the bulk delete runs
        var release = new CountDownLatch(1);
        platform.answer(
                request -> PlatformStub.Answer.json(200, "{\"id\":\"r1\"}").after(() -> hold(release)));
        var held = group(
                tenant,
                "now",
                "2030-05-01T09:00:00Z",
                "{\"integration\":{\"id\":\"%s\"},\"value\":[{\"content\":\"held\"},{\"content\":\"then\"}]}"
                        .formatted(hook));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> platform.received("/hook").size() == 1);

        var entries = new ArrayList<Entry>();
        add(entries, List.of(held), Kind.BEING_PUBLISHED);
        add(entries, plain, Kind.PLAIN);
        add(entries, partly, Kind.PARTLY_PUBLISHED);
        add(entries, published, Kind.PUBLISHED);
        add(entries, others, Kind.OTHER_ORGANIZATION);
        for (int i = entries.size(); i < 950; i++) {
            entries.add(new Entry(UUID.randomUUID().toString(), Kind.UNKNOWN, null));
        }
        for (int i = entries.size(); i < 1000; i++) {
            entries.add(new Entry("not-an-id-" + i, Kind.MALFORMED, null));
        }
        Collections.shuffle(entries, new Random(12));
        assertThat(entries).hasSize(1000);
        var refusedGroups = new ArrayList<String>(published);
        refusedGroups.add(held);
        var refusedBefore = groupRows(refusedGroups);
        var othersBefore = groupRows(others);

        var response = tenant.post(
                BULK,
                "{\"ids\":[" + entries.stream().map(e -> "\"" + e.id() + "\"").collect(Collectors.joining(",")) + "]}");

        var done = new HashSet<String>();
        var expected = new ArrayList<String>();
        var deleted = 0;
        var failed = 0;
        for (var entry : entries) {
            String result;
            if (entry.group() != null && done.contains(entry.group())) {
                result = ok(entry, "[]", "[]");
            } else {
                result = switch (entry.kind()) {
                    case UNKNOWN, MALFORMED -> refused(entry, 404, "Post not found");
                    case OTHER_ORGANIZATION -> refused(entry, 403, "Access denied");
                    case PUBLISHED -> refused(entry, 403, "Published posts cannot be deleted");
                    case BEING_PUBLISHED -> refused(entry, 409, "Post is being published, try again shortly");
                    case PARTLY_PUBLISHED -> {
                        var members = rows.members(entry.group());
                        if (entry.id().equals(members.get(1))) {
                            yield refused(entry, 403, "Published posts cannot be deleted");
                        }
                        yield ok(entry, json(members.get(0)), json(members.get(1)));
                    }
                    case PLAIN -> ok(entry, json(rows.members(entry.group()).toArray(String[]::new)), "[]");
                };
                if (result.contains("\"status\":200")) {
                    done.add(entry.group());
                    deleted += entry.kind() == Kind.PLAIN ? 2 : 1;
                } else {
                    failed++;
                }
            }
            expected.add(result);
        }
        assertAnswer(
                response,
                200,
                "{\"results\":[" + String.join(",", expected) + "],\"deleted\":" + deleted + ",\"failed\":" + failed
                        + "}");
        assertThat(deleted).isEqualTo(330 * 2 + 20);

        for (var group : plain) {
            assertThat(rows.alarms(group)).isZero();
            assertThat(deletedCount(group)).isEqualTo(2);
        }
        for (var group : partly) {
            assertThat(rows.alarms(group)).isZero();
            assertThat(deletedCount(group)).isEqualTo(1);
        }
        assertThat(groupRows(refusedGroups)).isEqualTo(refusedBefore);
        assertThat(groupRows(others)).isEqualTo(othersBefore);

        release.countDown();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rows.members(held).stream().allMatch(post -> "PUBLISHED".equals(state(post))));
        // a send held this long may be retried with its delivery id (spec §5.1): each post went out as one delivery
        assertThat(platform.deliveryIds("/hook").stream().distinct())
                .containsExactlyInAnyOrderElementsOf(rows.members(held));
    }

    @ParameterizedTest
    @MethodSource("io.herald.support.RaceSeeds#seeds")
    void bulkDeletesRacingPublicationsNeverLetADeletedPostOut(long seed) throws Exception {
        platform.answer(request -> PlatformStub.Answer.json(200, "{}").after(() -> sleep(300)));
        var due = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        var other = tenant.integration(
                "Other", "webhook", "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(platform.url("/hook")));
        var groups = groups(
                tenant,
                30,
                "schedule",
                due.toString(),
                ("{\"integration\":{\"id\":\"%s\"},\"value\":[{\"content\":\"x\"},{\"content\":\"x1\"}]},"
                                + "{\"integration\":{\"id\":\"%s\"},\"value\":[{\"content\":\"y\"}]}")
                        .formatted(hook, other));
        assertThat(Instant.now()).as("creating the posts took too long").isBefore(due.minusSeconds(1));
        var posts = new ArrayList<String>();
        groups.forEach(group -> posts.addAll(rows.members(group)));
        var random = new Random(seed);
        var victims = new ArrayList<>(posts);
        Collections.shuffle(victims, random);

        var deletedByRequest = ConcurrentHashMap.<String>newKeySet();
        var pool = Executors.newScheduledThreadPool(4);
        var requests = 4;
        var finished = new CountDownLatch(requests);
        for (int r = 0; r < requests; r++) {
            var batch = victims.subList(r * 12, r * 12 + 12);
            var at = due.toEpochMilli() - 200 + random.nextInt(400) - System.currentTimeMillis();
            pool.schedule(
                    () -> {
                        try {
                            var answer = tenant.post(
                                    BULK,
                                    "{\"ids\":["
                                            + batch.stream()
                                                    .map(id -> "\"" + id + "\"")
                                                    .collect(Collectors.joining(","))
                                            + "]}");
                            assertThat(answer.status()).isEqualTo(200);
                            answer.json()
                                    .get("results")
                                    .forEach(result ->
                                            result.get("deleted").forEach(id -> deletedByRequest.add(id.asString())));
                        } finally {
                            finished.countDown();
                        }
                    },
                    Math.max(0, at),
                    TimeUnit.MILLISECONDS);
        }
        assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> jdbc.sql("""
                                select count(*) from posts where organization_id = cast(:organization as uuid)
                                  and state in ('QUEUE', 'PUBLISHING') and deleted_at is null
                                """)
                                .param("organization", tenant.id())
                                .query(Long.class)
                                .single()
                        == 0);

        var delivered = platform.deliveryIds("/hook").stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (var post : posts) {
            if (deletedByRequest.contains(post)) {
                assertThat(delivered).as("deleted post %s sent", post).doesNotContainKey(post);
                assertThat(jdbc.sql("select deleted_at is not null from posts where id = cast(:id as uuid)")
                                .param("id", post)
                                .query(Boolean.class)
                                .single())
                        .isTrue();
            } else {
                assertThat(delivered.get(post)).as("post %s sent once", post).isEqualTo(1L);
            }
        }
        System.out.printf("bulk race seed %d: %d of %d posts deleted%n", seed, deletedByRequest.size(), posts.size());
    }

    /**
     * Deleted groups due now are restored and deleted again by racing requests while their alarms
     * fire: a post is sent only if it is live (restored in time, never deleted after it was sent),
     * and then once; one restored after its time comes back a draft and is never sent.
     */
    @ParameterizedTest
    @MethodSource("io.herald.support.RaceSeeds#seeds")
    void restoresAndDeletesRacingPublicationsNeverLetADeletedPostOut(long seed) throws Exception {
        platform.answer(request -> PlatformStub.Answer.json(200, "{}").after(() -> sleep(100)));
        var due = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        var groups = groups(
                tenant,
                16,
                "schedule",
                due.toString(),
                "{\"integration\":{\"id\":\"%s\"},\"value\":[{\"content\":\"x\"},{\"content\":\"x1\"}]}"
                        .formatted(hook));
        for (var group : groups) {
            assertThat(tenant.delete("/public/v1/posts/group/" + group).status())
                    .isEqualTo(200);
        }
        assertThat(Instant.now()).as("creating the posts took too long").isBefore(due.minusSeconds(1));
        var random = new Random(seed);
        var pool = Executors.newScheduledThreadPool(8);
        var requests = new ArrayList<Future<?>>();
        for (var group : groups) {
            for (var path :
                    List.of("/public/v1/posts/group/" + group + "/restore", "/public/v1/posts/group/" + group)) {
                var at = due.toEpochMilli() - 300 + random.nextInt(600) - System.currentTimeMillis();
                requests.add(pool.schedule(
                        () -> path.endsWith("/restore") ? tenant.post(path, "") : tenant.delete(path),
                        Math.max(0, at),
                        TimeUnit.MILLISECONDS));
            }
        }
        for (var request : requests) {
            request.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> jdbc.sql("""
                                select count(*) from posts where organization_id = cast(:organization as uuid)
                                  and state in ('QUEUE', 'PUBLISHING') and deleted_at is null
                                """)
                                .param("organization", tenant.id())
                                .query(Long.class)
                                .single()
                        == 0);

        var delivered = platform.deliveryIds("/hook").stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        var published = jdbc.sql("""
                        select id::text from posts where organization_id = cast(:organization as uuid)
                          and state = 'PUBLISHED' and deleted_at is null
                        """)
                .param("organization", tenant.id())
                .query(String.class)
                .set();
        assertThat(delivered.keySet()).isEqualTo(published);
        assertThat(delivered.values()).allMatch(times -> times == 1L);
        System.out.printf("restore race seed %d: %d posts published%n", seed, published.size());
    }

    private static String ok(Entry entry, String deleted, String kept) {
        return "{\"id\":\"%s\",\"status\":200,\"deleted\":%s,\"kept\":%s}".formatted(entry.id(), deleted, kept);
    }

    private static String refused(Entry entry, int status, String message) {
        return "{\"id\":\"%s\",\"status\":%d,\"deleted\":[],\"kept\":[],\"message\":\"%s\"}"
                .formatted(entry.id(), status, message);
    }

    private static String json(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private void add(List<Entry> entries, List<String> groups, Kind kind) {
        for (var group : groups) {
            for (var post : rows.members(group)) {
                entries.add(new Entry(post, kind, group));
            }
        }
    }

    private List<String> groups(Tenant owner, int count, String posts) throws Exception {
        return groups(owner, count, "schedule", "2030-05-01T09:00:00Z", posts);
    }

    private List<String> groups(Tenant owner, int count, String type, String date, String posts) throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            var futures = new ArrayList<Future<String>>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> group(owner, type, date, posts)));
            }
            var groups = new ArrayList<String>();
            for (var future : futures) {
                groups.add(future.get());
            }
            return groups;
        } finally {
            pool.shutdown();
        }
    }

    private static String group(Tenant owner, String type, String date, String posts) {
        return owner.createPosts("""
                        {"type":"%s","date":"%s","shortLink":false,"tags":[],"posts":[%s]}
                        """.formatted(type, date, posts))
                .get(0)
                .get("group")
                .asString();
    }

    private List<Map<String, Object>> groupRows(List<String> groups) {
        var all = new ArrayList<Map<String, Object>>();
        for (var group : groups) {
            all.addAll(jdbc.sql("""
                            select id, state, deleted_at, updated_at, version,
                                   (select count(*) from qrtz_triggers where trigger_group = :group) as alarms
                            from posts where group_id = cast(:group as uuid) order by id
                            """).param("group", group).query().listOfRows());
        }
        return all;
    }

    private long deletedCount(String group) {
        return jdbc.sql("select count(*) from posts where group_id = cast(:group as uuid) and deleted_at is not null")
                .param("group", group)
                .query(Long.class)
                .single();
    }

    private String state(String post) {
        return jdbc.sql("select state from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
