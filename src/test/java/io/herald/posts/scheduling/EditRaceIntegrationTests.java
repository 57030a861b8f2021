package io.herald.posts.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.HeraldClient;
import io.herald.support.Invariants;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Edits (by group, spec §9.1, and by {@code PATCH}, §9.4) racing publications of the same group:
 * whichever wins, each post goes out once, with either its old content (the edit answered 409) or
 * its new one (the edit answered 201 or 200), never a mix of both. The same context as {@link PublicationRaceIntegrationTests}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"herald.publishing.threads=16", "herald.rate-limit.posts-per-hour=0"})
class EditRaceIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    PlatformStub platform;

    Tenant tenant;

    String integration;

    @BeforeEach
    void setUp() {
        platform = new PlatformStub();
        tenant = Tenant.create(new HeraldClient(port));
        integration = tenant.integration(
                "Race", "webhook", "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(platform.url("/hook")));
    }

    @AfterEach
    void tearDown() {
        Invariants.assertScheduleConsistent(jdbc, tenant.id());
        Invariants.assertNoDeletedPostSent(jdbc, tenant.id(), platform.deliveryIds("/hook"));
        platform.close();
    }

    @Test
    void publishesTheNewContentAtTheNewTimeExactlyOnce() {
        var created = tenant.createPosts("""
                {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"old root"},{"content":"old item"}]}]}
                """.formatted(Instant.now().plus(1, ChronoUnit.HOURS), integration));
        var root = created.get(0).get("postId").asString();
        var group = created.get(0).get("group").asString();
        var item = jdbc.sql("select id::text from posts where root_post_id = cast(:root as uuid)")
                .param("root", root)
                .query(String.class)
                .single();

        var edit = tenant.post(
                "/public/v1/posts", """
                {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"group":"%s",
                           "value":[{"id":"%s","content":"new root"},{"id":"%s","content":"new item"}]}]}
                """.formatted(Instant.now().plusSeconds(2), integration, group, root, item));
        assertThat(edit.status()).as(edit.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("state = 'PUBLISHED'") == 2);
        var deliveries = platform.received("/hook").stream()
                .map(r -> json.readTree(r.bodyText()).path("post"))
                .map(post ->
                        post.path("id").asString() + " " + post.path("text").asString())
                .toList();
        assertThat(deliveries).containsExactly(root + " new root", item + " new item");
    }

    @ParameterizedTest
    @MethodSource("io.herald.support.RaceSeeds#seeds")
    void editsRacingPublicationsSendEachPostOnceWithEitherItsOldOrItsNewContent(long seed) throws Exception {
        // Every delivery is held two seconds, so publications are still running while the edits land.
        platform.answer(request -> PlatformStub.Answer.json(200, "{}").after(() -> sleep(2000)));
        var due = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        var posts = createPosts(60, due);
        var random = new Random(seed);
        var victims = new ArrayList<>(posts.keySet());
        Collections.shuffle(victims, random);
        victims = new ArrayList<>(victims.subList(0, 30));

        var answers = new ConcurrentHashMap<String, Integer>();
        var pool = Executors.newScheduledThreadPool(16);
        var done = new CountDownLatch(victims.size());
        for (var v = 0; v < victims.size(); v++) {
            var victim = victims.get(v);
            var patch = v % 2 == 1;
            // each edit lands somewhere in the 400 ms around the due second
            var at = due.toEpochMilli() - 200 + random.nextInt(400) - System.currentTimeMillis();
            pool.schedule(
                    () -> {
                        try {
                            answers.put(
                                    victim,
                                    patch ? patch(victim, posts.get(victim)) : edit(victim, posts.get(victim), due));
                        } finally {
                            done.countDown();
                        }
                    },
                    Math.max(0, at),
                    TimeUnit.MILLISECONDS);
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count("state in ('QUEUE', 'PUBLISHING') and deleted_at is null") == 0);

        assertThat(answers).hasSize(victims.size());
        assertThat(answers.values()).allMatch(status -> status == 200 || status == 201 || status == 409);
        var delivered = platform.received("/hook").stream()
                .map(r -> json.readTree(r.bodyText()).path("post"))
                .collect(Collectors.groupingBy(
                        post -> post.path("id").asString(),
                        Collectors.mapping(
                                post -> post.path("text").asString() + " "
                                        + post.path("image")
                                                .path(0)
                                                .path("path")
                                                .asString(),
                                Collectors.toList())));
        for (var post : posts.keySet()) {
            var n = posts.get(post);
            var answer = answers.getOrDefault(post, 0);
            var edited = answer == 201 || answer == 200;
            assertThat(delivered.get(post))
                    .as("post %s sent once, with %s content", post, edited ? "new" : "old")
                    .containsExactly(
                            edited
                                    ? "new " + n + " https://cdn.test/new.png"
                                    : "old " + n + " https://cdn.test/old.png");
        }
        System.out.printf(
                "edit race seed %d: %d edits won, %d answered 409%n",
                seed,
                answers.values().stream().filter(s -> s == 201 || s == 200).count(),
                answers.values().stream().filter(s -> s == 409).count());
    }

    private int edit(String post, int n, Instant due) {
        var group = jdbc.sql("select group_id::text from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
        return tenant.post("/public/v1/posts", """
                        {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"group":"%s",
                                   "value":[{"id":"%s","content":"new %d","image":[{"id":"n","path":"https://cdn.test/new.png"}]}]}]}
                        """.formatted(due, integration, group, post, n))
                .status();
    }

    private int patch(String post, int n) {
        return tenant.client()
                .patch("/public/v1/posts/" + post, tenant.apiKey(), """
                        {"content":"new %d","image":[{"id":"n","path":"https://cdn.test/new.png"}]}""".formatted(n))
                .status();
    }

    /** Post id to its number. */
    private java.util.Map<String, Integer> createPosts(int count, Instant due) throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        var futures = new ArrayList<Future<String>>();
        for (int i = 0; i < count; i++) {
            var n = i;
            futures.add(pool.submit(() -> tenant.createPosts("""
                            {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                             "posts":[{"integration":{"id":"%s"},
                                       "value":[{"content":"old %d","image":[{"id":"o","path":"https://cdn.test/old.png"}]}]}]}
                            """.formatted(due, integration, n))
                    .get(0)
                    .get("postId")
                    .asString()));
        }
        var ids = new java.util.HashMap<String, Integer>();
        for (int i = 0; i < count; i++) {
            ids.put(futures.get(i).get(), i);
        }
        pool.shutdown();
        assertThat(Instant.now())
                .as("creating the posts took too long for the race")
                .isBefore(due.minusSeconds(1));
        return ids;
    }

    private long count(String condition) {
        return jdbc.sql("select count(*) from posts where organization_id = cast(:organization as uuid) and "
                        + condition)
                .param("organization", tenant.id())
                .query(Long.class)
                .single();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
