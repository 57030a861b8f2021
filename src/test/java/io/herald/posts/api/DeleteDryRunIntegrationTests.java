package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code DELETE /public/v1/posts/{id}?dryRun=true} and {@code DELETE /public/v1/posts/group/{group}?dryRun=true}:
 * the delete's checks and answer, a list of what blocks it, and nothing changed (spec §10.1).
 */
@HeraldIntegrationTest
class DeleteDryRunIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    Rows rows;

    Tenant tenant;

    String group;

    /** A's root PUBLISHED, A's thread item QUEUE, B's root ERROR, B's thread item DRAFT. */
    List<String> members;

    @BeforeEach
    void createGroup() {
        rows = new Rows(jdbc);
        tenant = Tenant.create(new HeraldClient(port));
        var a = tenant.webhook("A");
        var b = tenant.webhook("B");
        group = tenant.createPosts("""
                        {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"A"},{"content":"A1"}]},
                                  {"integration":{"id":"%s"},"value":[{"content":"B"},{"content":"B1"}]}]}
                        """.formatted(a, b)).get(0).get("group").asString();
        members = rows.members(group);
        rows.setState(members.get(0), "PUBLISHED");
        rows.setState(members.get(2), "ERROR");
        rows.setState(members.get(3), "DRAFT");
    }

    @Test
    void aDryRunAnswersWhatTheDeleteWouldDoAndChangesNothing() {
        var before = rows.of(tenant);

        var byPost = tenant.delete("/public/v1/posts/" + members.get(1) + "?dryRun=true");
        var byGroup = tenant.delete("/public/v1/posts/group/" + group + "?dryRun=true");

        assertAnswer(byPost, 200, """
                {"success":true,"id":"%s","group":"%s","deleted":["%s","%s","%s"],"kept":["%s"],"dryRun":true,"blocked":[]}
                """.formatted(
                        members.get(1), group, members.get(1), members.get(2), members.get(3), members.get(0)));
        assertAnswer(
                byGroup, 200, """
                {"success":true,"group":"%s","deleted":["%s","%s","%s"],"kept":["%s"],"dryRun":true,"blocked":[]}
                """.formatted(group, members.get(1), members.get(2), members.get(3), members.get(0)));
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(rows.alarms(group)).isEqualTo(1);
    }

    @Test
    void theDeleteRightAfterTheDryRunDeletesExactlyWhatItListed() {
        var dryRun = tenant.delete("/public/v1/posts/" + members.get(3) + "?dryRun=true")
                .json();

        var deleted = tenant.delete("/public/v1/posts/" + members.get(3) + "?dryRun=false");

        assertAnswer(deleted, 200, """
                {"success":true,"id":"%s","group":"%s","deleted":%s,"kept":%s}
                """.formatted(members.get(3), group, dryRun.get("deleted"), dryRun.get("kept")));
        assertThat(deletedMembers()).containsExactly(members.get(1), members.get(2), members.get(3));
        assertThat(rows.alarms(group)).isZero();
    }

    @Test
    void aMemberBeingPublishedIsListedAsBlockingAndTheRealDeleteIs409() {
        rows.setState(members.get(2), "PUBLISHING");
        var before = rows.of(tenant);

        var dryRun = tenant.delete("/public/v1/posts/group/" + group + "?dryRun=true");

        assertAnswer(dryRun, 200, """
                {"success":true,"group":"%s","deleted":["%s","%s"],"kept":["%s"],"dryRun":true,"blocked":["%s"]}
                """.formatted(group, members.get(1), members.get(3), members.get(0), members.get(2)));
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertAnswer(tenant.delete("/public/v1/posts/group/" + group), 409, """
                {"statusCode":409,"message":"Post is being published, try again shortly","error":"Conflict"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void aDryRunRefusesWhatTheDeleteRefusesAndChangesNothing() {
        var intruder = Tenant.create(new HeraldClient(port));
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/posts/" + members.get(0) + "?dryRun=true"), 403, """
                {"statusCode":403,"message":"Published posts cannot be deleted","error":"Forbidden"}""");
        assertAnswer(intruder.delete("/public/v1/posts/" + members.get(1) + "?dryRun=true"), 403, """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");
        assertAnswer(intruder.delete("/public/v1/posts/group/" + group + "?dryRun=true"), 403, """
                {"statusCode":403,"message":"Access denied","error":"Forbidden"}""");
        assertAnswer(tenant.delete("/public/v1/posts/" + UUID.randomUUID() + "?dryRun=true"), 404, """
                {"statusCode":404,"message":"Post not found","error":"Not Found"}""");
        assertAnswer(tenant.delete("/public/v1/posts/group/not-an-id?dryRun=true"), 404, """
                {"statusCode":404,"message":"Group not found","error":"Not Found"}""");
        members.subList(1, 4).forEach(member -> rows.setState(member, "PUBLISHED"));
        var allPublished = rows.of(tenant);
        assertAnswer(tenant.delete("/public/v1/posts/group/" + group + "?dryRun=true"), 403, """
                {"statusCode":403,"message":"Published posts cannot be deleted","error":"Forbidden"}""");

        assertThat(rows.of(tenant)).isEqualTo(allPublished);
        assertThat(allPublished.triggers()).isEqualTo(before.triggers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "TRUE", ""})
    void aDryRunFlagThatIsNotABooleanIsRefusedNotTakenForARealDelete(String flag) {
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/posts/" + members.get(1) + "?dryRun=" + flag), 400, """
                {"statusCode":400,"message":["dryRun must be a boolean value"],"error":"Bad Request"}""");
        assertAnswer(tenant.delete("/public/v1/posts/group/" + group + "?dryRun=" + flag), 400, """
                {"statusCode":400,"message":["dryRun must be a boolean value"],"error":"Bad Request"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    /** A dry run takes no lock: it answers while another transaction holds the group's rows. */
    @Test
    void aDryRunAnswersWhileAnotherTransactionHoldsTheGroup() throws Exception {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var lock = connection.prepareStatement(
                    "select id from posts where group_id = ?::uuid order by id for update")) {
                lock.setString(1, group);
                lock.executeQuery().close();
            }
            try {
                assertThat(tenant.delete("/public/v1/posts/group/" + group + "?dryRun=true")
                                .status())
                        .isEqualTo(200);
            } finally {
                connection.rollback();
            }
        }
    }

    private List<String> deletedMembers() {
        return jdbc.sql("select id::text from posts where group_id = :group and deleted_at is not null order by id")
                .param("group", UUID.fromString(group))
                .query(String.class)
                .list();
    }
}
