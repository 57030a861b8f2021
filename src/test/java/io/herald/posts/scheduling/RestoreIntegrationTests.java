package io.herald.posts.scheduling;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.posts.publishing.DeletedContentSweep;
import io.herald.support.HeraldClient;
import io.herald.support.Invariants;
import io.herald.support.PlatformStub;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /public/v1/posts/{id}/restore} and {@code POST /public/v1/posts/group/{group}/restore}
 * on a publishing Herald whose restore window is five seconds (spec §10.4): what comes back, what
 * is published, what the window and the sweep make permanent.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "herald.publishing.threads=16",
            "herald.rate-limit.posts-per-hour=0",
            "herald.posts.restore-window=5s"
        })
class RestoreIntegrationTests {

    private static final String POST_NOT_FOUND = """
            {"statusCode":404,"message":"Post not found","error":"Not Found"}""";

    private static final String GROUP_NOT_FOUND = """
            {"statusCode":404,"message":"Group not found","error":"Not Found"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeletedContentSweep sweep;

    PlatformStub platform;

    Rows rows;

    Tenant tenant;

    String first;

    String second;

    @BeforeEach
    void setUp() {
        platform = new PlatformStub();
        rows = new Rows(jdbc);
        tenant = Tenant.create(new HeraldClient(port));
        var config = "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(platform.url("/hook"));
        first = tenant.integration("First", "webhook", config);
        second = tenant.integration("Second", "webhook", config);
    }

    @AfterEach
    void tearDown() {
        Invariants.assertScheduleConsistent(jdbc, tenant.id());
        Invariants.assertNoDeletedPostSent(jdbc, tenant.id(), deliveredIds());
        platform.close();
    }

    private String group(String type, Instant date) {
        return tenant.createPosts("""
                        {"type":"%s","date":"%s","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"first"}]},
                                  {"integration":{"id":"%s"},"value":[{"content":"second"}]}]}
                        """.formatted(type, date, first, second))
                .get(0)
                .get("group")
                .asString();
    }

    @Test
    void aQueuedPostStillAheadComesBackQueuedAndIsPublishedOnceAndOnePastItsTimeComesBackADraft() {
        var due = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        var group = group("schedule", due);
        var members = rows.members(group);
        assertThat(tenant.delete("/public/v1/posts/group/" + group).status()).isEqualTo(200);
        // the second was due an hour ago, and deleted before it went out
        jdbc.sql("update posts set publish_date = :date, due_at = :date where id = :id")
                .param("date", java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(1))))
                .param("id", UUID.fromString(members.get(1)))
                .update();

        var response = tenant.post("/public/v1/posts/" + members.get(0) + "/restore", null);

        assertAnswer(response, 200, """
                {"success":true,"group":"%s","restored":["%s","%s"],"drafted":["%s"]}
                """.formatted(group, members.get(0), members.get(1), members.get(1)));
        assertThat(states(group)).containsExactly("QUEUE", "DRAFT");
        assertThat(rows.triggerFireTimes(group)).containsExactly(due.toEpochMilli());
        await().atMost(Duration.ofSeconds(30)).until(() -> states(group).get(0).equals("PUBLISHED"));
        assertThat(deliveredIds()).containsExactly(members.get(0));
        assertThat(platform.received("/hook").get(0).at()).isGreaterThanOrEqualTo(due.toEpochMilli());
        assertThat(states(group)).containsExactly("PUBLISHED", "DRAFT");
    }

    @Test
    void aRestoreByGroupBringsBackDraftsAndFailuresAsTheyWere() {
        var group = group("draft", Instant.parse("2030-05-01T09:00:00Z"));
        var members = rows.members(group);
        rows.setState(members.get(1), "ERROR");
        assertThat(tenant.delete("/public/v1/posts/" + members.get(1)).status()).isEqualTo(200);

        assertAnswer(tenant.post("/public/v1/posts/group/" + group + "/restore", null), 200, """
                {"success":true,"group":"%s","restored":["%s","%s"],"drafted":[]}
                """.formatted(
                        group, members.get(0), members.get(1)));
        assertThat(states(group)).containsExactly("DRAFT", "ERROR");
        assertThat(tenant.delete("/public/v1/posts/group/" + group).status()).isEqualTo(200);
    }

    @Test
    void aRestorePastTheWindowIsNotFoundAndChangesNothing() {
        var group = group("schedule", Instant.parse("2030-05-01T09:00:00Z"));
        var post = rows.members(group).get(0);
        assertThat(tenant.delete("/public/v1/posts/" + post).status()).isEqualTo(200);
        ageDeletes(group, Duration.ofSeconds(6));
        var before = rows.of(tenant);

        assertAnswer(tenant.post("/public/v1/posts/" + post + "/restore", null), 404, POST_NOT_FOUND);
        assertAnswer(tenant.post("/public/v1/posts/group/" + group + "/restore", null), 404, GROUP_NOT_FOUND);

        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(rows.alarms(group)).isZero();
    }

    @Test
    void aLiveGroupIsNotDeletedAndAnotherOrganizationsOrAnUnknownOneIsRefused() {
        var group = group("schedule", Instant.parse("2030-05-01T09:00:00Z"));
        var post = rows.members(group).get(0);
        var intruder = Tenant.create(tenant.client());
        var before = rows.of(tenant);

        assertAnswer(tenant.post("/public/v1/posts/" + post + "/restore", null), 400, """
                {"statusCode":400,"message":"Post is not deleted","error":"Bad Request"}""");
        assertAnswer(tenant.post("/public/v1/posts/group/" + group + "/restore", null), 400, """
                {"statusCode":400,"message":"Post is not deleted","error":"Bad Request"}""");
        assertAnswer(intruder.post("/public/v1/posts/" + post + "/restore", null), 403, """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");
        assertAnswer(intruder.post("/public/v1/posts/group/" + group + "/restore", null), 403, """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");
        assertAnswer(tenant.post("/public/v1/posts/" + UUID.randomUUID() + "/restore", null), 404, POST_NOT_FOUND);
        assertAnswer(tenant.post("/public/v1/posts/not-an-id/restore", null), 404, POST_NOT_FOUND);
        assertAnswer(tenant.post("/public/v1/posts/group/not-an-id/restore", null), 404, GROUP_NOT_FOUND);

        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(rows.alarms(group)).isEqualTo(1);
    }

    @Test
    void theSweepRemovesTheContentOfWhatWasDeletedBeforeTheWindowAndNothingElse() {
        var old = group("draft", Instant.parse("2030-05-01T09:00:00Z"));
        var recent = group("draft", Instant.parse("2030-05-01T09:00:00Z"));
        assertThat(tenant.delete("/public/v1/posts/group/" + old).status()).isEqualTo(200);
        assertThat(tenant.delete("/public/v1/posts/group/" + recent).status()).isEqualTo(200);
        ageDeletes(old, Duration.ofSeconds(6));

        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(2);

        assertThat(content(old))
                .containsExactly(
                        Map.of("content", "", "image", "[]", "settings", "{}", "removed", true),
                        Map.of("content", "", "image", "[]", "settings", "{}", "removed", true));
        assertThat(content(recent)).extracting(row -> row.get("content")).containsExactly("first", "second");
        assertAnswer(tenant.post("/public/v1/posts/group/" + old + "/restore", null), 404, GROUP_NOT_FOUND);
        assertThat(tenant.post("/public/v1/posts/group/" + recent + "/restore", null)
                        .status())
                .isEqualTo(200);
    }

    private void ageDeletes(String group, Duration age) {
        jdbc.sql("update posts set deleted_at = deleted_at - :age * interval '1 millisecond' where group_id = :group")
                .param("age", age.toMillis())
                .param("group", UUID.fromString(group))
                .update();
    }

    private List<Map<String, Object>> content(String group) {
        return jdbc.sql("""
                        select content, image::text as image, settings::text as settings,
                               content_removed_at is not null as removed
                        from posts where group_id = :group order by id
                        """).param("group", UUID.fromString(group)).query().listOfRows();
    }

    private List<String> states(String group) {
        return jdbc.sql("select case when deleted_at is null then state else 'DELETED' end from posts"
                        + " where group_id = :group order by id")
                .param("group", UUID.fromString(group))
                .query(String.class)
                .list();
    }

    private List<String> deliveredIds() {
        return platform.received("/hook").stream()
                .map(r -> r.header("X-Herald-Delivery"))
                .toList();
    }
}
