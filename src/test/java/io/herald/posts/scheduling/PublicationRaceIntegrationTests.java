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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes racing publications: whichever wins, no deleted post reaches the platform and no post
 * reaches it twice. Each run creates hundreds of posts in one organization: no rate limit.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"herald.publishing.threads=16", "herald.rate-limit.posts-per-hour=0"})
class PublicationRaceIntegrationTests {

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

    @ParameterizedTest
    @MethodSource("io.herald.support.RaceSeeds#seeds")
    void deletesRacingPublicationsNeverLetADeletedPostOutNorOnePostTwice(long seed) throws Exception {
        // Every delivery is held a second, so publications are still running while the deletes land.
        platform.answer(request -> PlatformStub.Answer.json(200, "{}").after(() -> sleep(1000)));
        var due = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        var posts = createPosts(200, due);
        var random = new Random(seed);
        var victims = new ArrayList<>(posts);
        Collections.shuffle(victims, random);
        victims = new ArrayList<>(victims.subList(0, 100));

        var answers = new ConcurrentHashMap<String, Integer>();
        var pool = Executors.newScheduledThreadPool(16);
        var done = new CountDownLatch(victims.size());
        for (var victim : victims) {
            // each delete lands somewhere in the 400 ms around the due second
            var at = due.toEpochMilli() - 200 + random.nextInt(400) - System.currentTimeMillis();
            pool.schedule(
                    () -> {
                        try {
                            answers.put(
                                    victim,
                                    tenant.delete("/public/v1/posts/" + victim).status());
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

        assertThat(answers).hasSize(100);
        assertThat(answers.values()).allMatch(status -> status == 200 || status == 409);
        var states = states();
        var delivered = platform.deliveryIds("/hook").stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (var post : posts) {
            var deletedByRequest = answers.getOrDefault(post, 0) == 200;
            if (deletedByRequest) {
                assertThat(delivered).as("deleted post %s sent", post).doesNotContainKey(post);
                assertThat(states.get(post)).isEqualTo("DELETED");
            } else {
                assertThat(delivered.get(post)).as("post %s sent once", post).isEqualTo(1L);
                assertThat(states.get(post)).isEqualTo("PUBLISHED");
            }
        }
        var firstDelivery =
                platform.received("/hook").stream().mapToLong(r -> r.at()).min().orElse(0);
        System.out.printf(
                "race seed %d: first delivery %d ms after the due time, %d deletes won, %d answered 409%n",
                seed,
                firstDelivery - due.toEpochMilli(),
                answers.values().stream().filter(s -> s == 200).count(),
                answers.values().stream().filter(s -> s == 409).count());
    }

    @Test
    void deleteDuringAHeldPublicationAnswers409AtOnceAndThePostEndsPublishedOnce() throws Exception {
        var release = new CountDownLatch(1);
        platform.answer(
                request -> PlatformStub.Answer.json(200, "{\"id\":\"r1\"}").after(() -> hold(release)));
        var post = tenant.createPosts("""
                        {"type":"now","shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":[{"content":"held"}]}]}
                        """.formatted(integration))
                .get(0)
                .get("postId")
                .asString();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> platform.received("/hook").size() == 1);

        var answer = tenant.delete("/public/v1/posts/" + post);
        var stillHeld = release.getCount() == 1;
        release.countDown();

        assertThat(stillHeld).isTrue();
        assertThat(answer.status()).isEqualTo(409);
        JSONAssert.assertEquals(
                "{\"statusCode\":409,\"message\":\"Post is being published, try again shortly\",\"error\":\"Conflict\"}",
                answer.body(),
                JSONCompareMode.STRICT);
        await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(states().get(post)));
        assertThat(platform.received("/hook")).hasSize(1);
    }

    private List<String> createPosts(int count, Instant due) throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        var futures = new ArrayList<java.util.concurrent.Future<String>>();
        for (int i = 0; i < count; i++) {
            var n = i;
            futures.add(pool.submit(() -> tenant.createPosts("""
                            {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                             "posts":[{"integration":{"id":"%s"},"value":[{"content":"post %d"}]}]}
                            """.formatted(due, integration, n))
                    .get(0)
                    .get("postId")
                    .asString()));
        }
        var ids = new ArrayList<String>();
        for (var future : futures) {
            ids.add(future.get());
        }
        pool.shutdown();
        assertThat(Instant.now())
                .as("creating the posts took too long for the race")
                .isBefore(due.minusSeconds(1));
        return ids;
    }

    private Map<String, String> states() {
        return jdbc
                .sql("""
                        select id::text, case when deleted_at is null then state else 'DELETED' end
                        from posts where organization_id = cast(:organization as uuid)
                        """)
                .param("organization", tenant.id())
                .query((row, n) -> Map.entry(row.getString(1), row.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
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

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
