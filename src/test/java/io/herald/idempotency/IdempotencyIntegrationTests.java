package io.herald.idempotency;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldInstance;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code Idempotency-Key} on the writing posts routes (spec §10.5). */
@HeraldIntegrationTest
class IdempotencyIntegrationTests {

    private static final String IN_PROGRESS = """
            {"statusCode":409,"message":"A request with this Idempotency-Key is in progress","error":"Conflict"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Rows rows;

    Tenant tenant;

    String body;

    @BeforeEach
    void createTenant() {
        rows = new Rows(jdbc);
        tenant = Tenant.create(new HeraldClient(port));
        body = create(tenant, "Hello");
    }

    private static String create(Tenant tenant, String content) {
        return """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}""".formatted(tenant.webhook("A"), content);
    }

    private HeraldClient.Response send(Tenant who, String method, String path, String body, String key) {
        return who.send(method, path, body, Map.of("Idempotency-Key", key));
    }

    @Test
    void twentyConcurrentCreatesWithOneKeyMakeOneGroupAndAnswerTheFirstAnswerOrInProgress() throws Exception {
        var pool = Executors.newFixedThreadPool(20);
        var answers = new ArrayList<Future<HeraldClient.Response>>();
        try {
            var start = new CountDownLatch(1);
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return send(tenant, "POST", "/public/v1/posts", body, "create-1");
                }));
            }
            start.countDown();
            var responses = new ArrayList<HeraldClient.Response>();
            for (var answer : answers) {
                responses.add(answer.get(30, TimeUnit.SECONDS));
            }
            var first = responses.stream()
                    .filter(r -> r.status() == 201
                            && r.headers().firstValue("Idempotent-Replayed").isEmpty())
                    .toList();
            assertThat(first).hasSize(1);
            for (var response : responses) {
                if (response.status() == 201) {
                    assertThat(response.body()).isEqualTo(first.get(0).body());
                } else {
                    assertAnswer(response, 409, IN_PROGRESS);
                }
            }
            var groups = groups();
            assertThat(groups).hasSize(1);
            assertThat(rows.alarms(groups.get(0))).isEqualTo(1);

            var later = send(tenant, "POST", "/public/v1/posts", body, "create-1");

            assertThat(later.status()).isEqualTo(201);
            assertThat(later.body()).isEqualTo(first.get(0).body());
            assertThat(later.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(groups()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndChangesNothing() {
        assertThat(send(tenant, "POST", "/public/v1/posts", body, "k").status()).isEqualTo(201);
        var before = rows.of(tenant);

        var unprocessable = """
                {"statusCode":422,"message":"Idempotency-Key was used for another request","error":"Unprocessable Entity"}""";
        assertAnswer(send(tenant, "POST", "/public/v1/posts", body.replace("Hello", "Other"), "k"), 422, unprocessable);
        assertAnswer(
                send(tenant, "DELETE", "/public/v1/posts/group/" + groups().get(0), null, "k"), 422, unprocessable);

        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void twoOrganizationsUsingOneKeyAreIndependent() {
        var other = Tenant.create(tenant.client());

        var mine = send(tenant, "POST", "/public/v1/posts", body, "shared");
        var theirs = send(other, "POST", "/public/v1/posts", create(other, "Hello"), "shared");

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(theirs.body()).isNotEqualTo(mine.body());
    }

    @Test
    void aRepeatedDeleteAnswersTheFirstDeleteAgainAndDoesNothing() {
        assertThat(tenant.post("/public/v1/posts", body).status()).isEqualTo(201);
        var group = groups().get(0);

        var first = send(tenant, "DELETE", "/public/v1/posts/group/" + group, null, "delete-1");
        var again = send(tenant, "DELETE", "/public/v1/posts/group/" + group, null, "delete-1");

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(send(tenant, "DELETE", "/public/v1/posts/group/" + group, null, "delete-2")
                        .status())
                .isEqualTo(404);
    }

    /** The keys live in the database: a repeat sent to another Herald on the same database is replayed too. */
    @Test
    void aRepeatSentToASecondHeraldReplays() {
        var first = send(tenant, "POST", "/public/v1/posts", body, "cluster-1");
        assertThat(first.status()).isEqualTo(201);

        try (var second =
                HeraldInstance.start("herald.publishing.enabled=false", "herald.rate-limit.posts-per-hour=0")) {
            var repeat = second.client()
                    .send("POST", "/public/v1/posts", tenant.apiKey(), body, Map.of("Idempotency-Key", "cluster-1"));

            assertThat(repeat.status()).isEqualTo(201);
            assertThat(repeat.body()).isEqualTo(first.body());
            assertThat(repeat.headers().firstValue("Idempotent-Replayed")).contains("true");
        }
        assertThat(groups()).hasSize(1);
    }

    @Test
    void aKeyOverTwoHundredFiftyFiveCharactersIs400() {
        var before = rows.of(tenant);

        assertAnswer(send(tenant, "POST", "/public/v1/posts", body, "k".repeat(256)), 400, """
                {"statusCode":400,"message":"Idempotency-Key must be 1 to 255 characters","error":"Bad Request"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    private List<String> groups() {
        return jdbc.sql("select distinct group_id::text from posts where organization_id = cast(:organization as uuid)")
                .param("organization", tenant.id())
                .query(String.class)
                .list();
    }
}
