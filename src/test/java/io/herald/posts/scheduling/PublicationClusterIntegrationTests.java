package io.herald.posts.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.mastodon.MastodonInstanceStub;
import io.herald.support.HeraldInstance;
import io.herald.support.HeraldProcess;
import io.herald.support.Invariants;
import io.herald.support.Multipart;
import io.herald.support.MultipartBody;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import io.herald.support.TestDatabase;
import io.herald.support.TestS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Herald as a cluster: nodes in processes of their own on one database, stopped, killed and
 * restarted. Each test gives its nodes a Quartz cluster of their own, so only they fire its posts.
 */
class PublicationClusterIntegrationTests {

    /** A killed node is declared dead 10 s after its last heartbeat (60 s by default), beating every second. */
    private static final String[] FAST_DEATH = {
        "herald.publishing.node-dead-after=10s", "herald.publishing.heartbeat-interval=1s"
    };

    private final JdbcClient jdbc = JdbcClient.create(
            new SimpleDriverDataSource(new org.postgresql.Driver(), TestDatabase.url(), "postgres", ""));

    private PlatformStub platform;

    private Tenant tenant;

    @BeforeEach
    void setUp() {
        platform = new PlatformStub();
    }

    @AfterEach
    void tearDown() {
        if (tenant != null) {
            Invariants.assertScheduleConsistent(jdbc, tenant.id());
            Invariants.assertNoDeletedPostSent(jdbc, tenant.id(), deliveredIds());
        }
        platform.close();
    }

    @Test
    void twoNodesOnOneDatabaseSendEachOfAThousandDuePostsOnce() throws Exception {
        try (var a = HeraldProcess.start(HeraldInstance.cluster("herald-pair"), "herald.rate-limit.posts-per-hour=0");
                var b = HeraldProcess.start(
                        HeraldInstance.cluster("herald-pair"), "herald.rate-limit.posts-per-hour=0")) {
            tenant = Tenant.create(a.client());
            var viaB = new Tenant(b.client(), tenant.id(), tenant.apiKey());
            var integration = tenant.integration("Pair", "webhook", webhookConfig());
            var due = Instant.now().plusSeconds(40);
            var pool = Executors.newFixedThreadPool(8);
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 1000; i++) {
                var node = i % 2 == 0 ? tenant : viaB;
                var n = i;
                futures.add(pool.submit(() -> node.createPosts(scheduled(integration, due, "post " + n))));
            }
            for (var future : futures) {
                future.get();
            }
            pool.shutdown();
            assertThat(Instant.now()).as("creating took too long").isBefore(due);

            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> count("state = 'PUBLISHED'") == 1000);

            var sent =
                    deliveredIds().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(sent).hasSize(1000);
            assertThat(sent.values()).allMatch(times -> times == 1);
            var nodes = jdbc.sql("select publishing_node, count(*) from posts where organization_id = cast(:o as uuid)"
                            + " group by publishing_node")
                    .param("o", tenant.id())
                    .query((row, n) -> row.getString(1) + "=" + row.getLong(2))
                    .list();
            System.out.println("posts published per node: " + nodes);
        }
    }

    /**
     * Nodes on several hosts share no volume: with the S3 store, a file uploaded through one node is
     * served by the other and published by it, read from the bucket. The public URL is the
     * (unresolvable) proxy's, as in a real cluster: nothing fetches it.
     */
    @Test
    void aFileUploadedThroughOneNodeIsServedAndPublishedByTheOtherFromTheBucket() throws Exception {
        var settings = new ArrayList<>(TestS3.settings("cluster-" + UUID.randomUUID() + "/"));
        settings.add(HeraldInstance.cluster("herald-media"));
        settings.add("herald.public-url=http://herald-cluster.invalid");
        var directories = List.of(Path.of("target/cluster-media-a"), Path.of("target/cluster-media-b"));
        // B, the publishing node, in a process of its own (the nodes of one cluster cannot share a
        // JVM); A, which takes the upload and publishes nothing, in this one, started meanwhile.
        var startB = CompletableFuture.supplyAsync(
                () -> HeraldProcess.start(with(settings, "herald.media.directory=" + directories.get(1))));
        try (var a = HeraldInstance.start(with(
                        settings, "herald.media.directory=" + directories.get(0), "herald.publishing.enabled=false"));
                var b = startB.join();
                var mastodon = new MastodonInstanceStub()) {
            tenant = Tenant.create(a.client());
            var png = pngOfSize(40_000);
            var uploaded = a.client()
                    .send(new Multipart()
                            .file("file", "cat.png", "image/png", png)
                            .post(a.client().base() + "/public/v1/upload", tenant.apiKey()))
                    .json();
            var name = uploaded.get("name").asString();
            assertThat(uploaded.get("path").asString()).isEqualTo("http://herald-cluster.invalid/media/" + name);
            var integration = tenant.integration(
                    "Toots",
                    "mastodon",
                    "{\"instanceUrl\":\"%s\",\"accessToken\":\"%s\"}"
                            .formatted(mastodon.url(), MastodonInstanceStub.TOKEN));

            var post = firstPost(tenant.createPosts("""
                    {"type":"now","shortLink":false,"tags":[],
                     "posts":[{"integration":{"id":"%s"},"value":[{"content":"from the bucket","image":[{"id":"%s","path":"%s"}]}]}]}
                    """.formatted(
                            integration,
                            uploaded.get("id").asString(),
                            uploaded.get("path").asString())));

            await().atMost(Duration.ofSeconds(60)).until(() -> "PUBLISHED".equals(state(post)));
            var sent = mastodon.received("/api/v2/media").get(0);
            assertThat(MultipartBody.parse(sent.header("Content-Type"), sent.body())
                            .part("file")
                            .content())
                    .isEqualTo(png);
            var served = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(b.baseUrl() + "/media/" + name))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo(png);
            for (var directory : directories) {
                try (var files = Files.list(directory)) {
                    assertThat(files.filter(Files::isRegularFile))
                            .as("files in %s", directory)
                            .isEmpty();
                }
            }
        } finally {
            startB.thenAccept(HeraldProcess::close); // also when A failed to start
        }
    }

    @Test
    void aNodeKilledWhilePublishingLeavesThePostFailedAsOutcomeUnknownAndNeverSendsItAgain() throws Exception {
        var release = new CountDownLatch(1);
        platform.answer(request -> PlatformStub.Answer.json(200, "{}").after(() -> hold(release)));
        String post;
        try (var node = HeraldProcess.start(with(HeraldInstance.cluster("herald-crash"), FAST_DEATH))) {
            tenant = Tenant.create(node.client());
            var integration = tenant.integration("Crash", "webhook", webhookConfig());
            post = tenant.createPosts("""
                            {"type":"now","shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":[{"content":"doomed"}]}]}
                            """.formatted(integration))
                    .get(0)
                    .get("postId")
                    .asString();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> platform.received("/hook").size() == 1);
            assertThat(state(post)).isEqualTo("PUBLISHING");
            node.kill();
        }
        release.countDown();

        // The node restarts (a new process would do the same; an in-JVM instance is quicker).
        var restarted = HeraldInstance.start(with(HeraldInstance.cluster("herald-crash"), FAST_DEATH));
        try {
            // the killed node's heartbeat is older than the threshold 10 s after the kill
            await().atMost(Duration.ofSeconds(60)).until(() -> "ERROR".equals(state(post)));
            assertThat(jdbc.sql("select error from posts where id = cast(:id as uuid)")
                            .param("id", post)
                            .query(String.class)
                            .single())
                    .contains("outcome unknown");
            Thread.sleep(3000);
            assertThat(platform.received("/hook")).hasSize(1);
            Invariants.assertScheduleConsistent(jdbc, tenant.id());
            // the user finds the post on the platform (a webhook cannot list its posts) and records it
            var api = new Tenant(restarted.client(), tenant.id(), tenant.apiKey());
            assertThat(api.get("/public/v1/posts/" + post + "/missing").body()).isEqualTo("[]");
            var connected = api.client()
                    .put("/public/v1/posts/" + post + "/release-id", tenant.apiKey(), "{\"releaseId\":\"d-1\"}");
            assertThat(connected.status()).as(connected.body()).isEqualTo(200);
            assertThat(state(post)).isEqualTo("PUBLISHED");
        } finally {
            restarted.close();
        }
    }

    @Test
    void postsScheduledBeforeARestartGoOutAfterItOnceEvenThoseDueWhileItWasDown() throws Exception {
        String dueWhileDown;
        String dueAfterRestart;
        var node = HeraldProcess.start(HeraldInstance.cluster("herald-restart"));
        try {
            tenant = Tenant.create(node.client());
            var integration = tenant.integration("Restart", "webhook", webhookConfig());
            dueWhileDown = firstPost(
                    tenant.createPosts(scheduled(integration, Instant.now().plusSeconds(3), "while down")));
            dueAfterRestart = firstPost(
                    tenant.createPosts(scheduled(integration, Instant.now().plusSeconds(45), "after restart")));
            node.stop();
        } finally {
            node.close();
        }
        Thread.sleep(5000);
        assertThat(platform.received("/hook")).isEmpty();

        var restarted = HeraldProcess.start(HeraldInstance.cluster("herald-restart"));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> "PUBLISHED".equals(state(dueWhileDown)));
            await().atMost(Duration.ofSeconds(90)).until(() -> "PUBLISHED".equals(state(dueAfterRestart)));
            assertThat(deliveredIds()).containsExactlyInAnyOrder(dueWhileDown, dueAfterRestart);
        } finally {
            restarted.close();
        }
    }

    private static String[] with(List<String> settings, String... more) {
        var all = new ArrayList<>(settings);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** A PNG signature, then {@code size} bytes in all that differ along the file. */
    private static byte[] pngOfSize(int size) {
        var bytes = new byte[size];
        var signature = new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        for (int i = signature.length; i < size; i++) {
            bytes[i] = (byte) (i ^ (i >>> 8));
        }
        return bytes;
    }

    private static String[] with(String setting, String... more) {
        var all = new String[more.length + 1];
        all[0] = setting;
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    private String webhookConfig() {
        return "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(platform.url("/hook"));
    }

    private static String scheduled(String integration, Instant due, String content) {
        return """
                {"type":"schedule","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}
                """.formatted(due, integration, content);
    }

    private static String firstPost(tools.jackson.databind.JsonNode created) {
        return created.get(0).get("postId").asString();
    }

    private String state(String post) {
        return jdbc.sql("select state from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
    }

    private long count(String condition) {
        return jdbc.sql("select count(*) from posts where organization_id = cast(:o as uuid) and " + condition)
                .param("o", tenant.id())
                .query(Long.class)
                .single();
    }

    private List<String> deliveredIds() {
        return platform.received("/hook").stream()
                .map(r -> r.header("X-Herald-Delivery"))
                .toList();
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
