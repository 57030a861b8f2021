package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code DELETE /public/v1/posts/{id}} and {@code DELETE /public/v1/posts/group/{group}}: a group is
 * every post of one create request, and it goes as a whole but for its published posts (spec §4.3,
 * §4.4).
 */
@HeraldIntegrationTest
class DeletePostsIntegrationTests {

    private static final String PUBLISH_DATE = "2030-05-01T09:00:00Z";

    private static final String WINDOW = "/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02";

    private static final String POST_NOT_FOUND = """
            {"statusCode":404,"message":"Post not found","error":"Not Found"}""";

    private static final String GROUP_NOT_FOUND = """
            {"statusCode":404,"message":"Group not found","error":"Not Found"}""";

    private static final String ACCESS_DENIED = """
            {"statusCode":403,"message":"Access denied","error":"Forbidden"}""";

    private static final String PUBLISHED = """
            {"statusCode":403,"message":"Published posts cannot be deleted","error":"Forbidden"}""";

    private static final String BEING_PUBLISHED = """
            {"statusCode":409,"message":"Post is being published, try again shortly","error":"Conflict"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Rows rows;

    Tenant tenant;

    String a;

    String b;

    @BeforeEach
    void createTenant() {
        rows = new Rows(jdbc);
        tenant = Tenant.create(new HeraldClient(port));
        a = tenant.webhook("A");
        b = tenant.webhook("B");
    }

    /**
     * A post for A and B with two thread items each: one group of six posts, A's thread then B's,
     * each root first.
     */
    private Group createGroup(String type) {
        var created = tenant.createPosts("""
                {"type":"%s","date":"%s","shortLink":false,"tags":[{"value":"l","label":"Launch"}],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"A"},{"content":"A1"},{"content":"A2"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"B"},{"content":"B1"},{"content":"B2"}]}]}
                """.formatted(type, PUBLISH_DATE, a, b));
        var group = created.get(0).get("group").asString();
        assertThat(created.get(1).get("group").asString()).isEqualTo(group);
        var members = rows.members(group);
        assertThat(members).hasSize(6);
        assertThat(rows.thread(group, a)).containsExactlyElementsOf(members.subList(0, 3));
        assertThat(rows.thread(group, b)).containsExactlyElementsOf(members.subList(3, 6));
        return new Group(group, members);
    }

    private record Group(String id, List<String> members) {

        String member(int index) {
            return members.get(index);
        }

        String json(int... indexes) {
            return Arrays.stream(indexes)
                    .mapToObj(i -> "\"" + members.get(i) + "\"")
                    .collect(Collectors.joining(",", "[", "]"));
        }
    }

    // --- deleting ---

    @ParameterizedTest(name = "by member {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void deletingAnyPostDeletesTheWholeGroupAndCancelsItsPublication(int member) {
        var group = createGroup("schedule");
        assertThat(rows.triggerFireTimes(group.id()))
                .containsExactly(Instant.parse(PUBLISH_DATE).toEpochMilli());
        assertThat(rows.alarms(group.id())).isEqualTo(1);
        assertThat(tenant.get(WINDOW).json().get("posts")).hasSize(2);

        var response = tenant.delete("/public/v1/posts/" + group.member(member));

        assertAnswer(response, 200, """
                {"success":true,"id":"%s","group":"%s","deleted":%s,"kept":[]}""".formatted(group.member(member), group.id(), group.json(0, 1, 2, 3, 4, 5)));
        assertThat(tenant.get(WINDOW).json().get("posts")).isEmpty();
        assertThat(rows.triggerFireTimes(group.id())).isEmpty();
        assertThat(rows.alarms(group.id())).isZero();
        assertThat(deletedMembers(group.id())).isEqualTo(6);
    }

    @Test
    void deletingByGroupIdDeletesEveryPostAndCancelsItsPublication() {
        var group = createGroup("schedule");

        var response = tenant.delete("/public/v1/posts/group/" + group.id());

        assertAnswer(response, 200, """
                {"success":true,"group":"%s","deleted":%s,"kept":[]}""".formatted(group.id(), group.json(0, 1, 2, 3, 4, 5)));
        assertThat(tenant.get(WINDOW).json().get("posts")).isEmpty();
        assertThat(rows.triggerFireTimes(group.id())).isEmpty();
        assertThat(rows.alarms(group.id())).isZero();
    }

    @Test
    void deletingADraftGroupDeletesIt() {
        var group = createGroup("draft");
        assertThat(rows.triggerFireTimes(group.id())).isEmpty();

        var response = tenant.delete("/public/v1/posts/" + group.member(4));

        assertAnswer(response, 200, """
                {"success":true,"id":"%s","group":"%s","deleted":%s,"kept":[]}""".formatted(group.member(4), group.id(), group.json(0, 1, 2, 3, 4, 5)));
        assertThat(tenant.get(WINDOW).json().get("posts")).isEmpty();
    }

    @Test
    void deletesFailedPostsToo() {
        var group = createGroup("schedule");
        rows.setState(group.member(0), "ERROR");

        var response = tenant.delete("/public/v1/posts/" + group.member(0));

        assertAnswer(response, 200, """
                {"success":true,"id":"%s","group":"%s","deleted":%s,"kept":[]}""".formatted(group.member(0), group.id(), group.json(0, 1, 2, 3, 4, 5)));
    }

    @Test
    void leavesOtherGroupsAlone() {
        var group = createGroup("schedule");
        var other = createGroup("schedule");
        var before = rows.of(tenant);

        tenant.delete("/public/v1/posts/" + group.member(0));

        assertThat(tenant.get(WINDOW).json().get("posts"))
                .extracting(post -> post.get("id").asString())
                .containsExactly(other.member(0), other.member(3));
        assertThat(rows.triggerFireTimes(other.id())).hasSize(1);
        assertThat(deletedMembers(other.id())).isZero();
        assertThat(rows.of(tenant).triggers()).hasSize(before.triggers().size() - 1);
    }

    @Test
    void keepsThePublishedPostsOfTheGroupAndNamesThem() {
        var group = createGroup("schedule");
        rows.setState(group.member(3), "PUBLISHED");
        rows.setState(group.member(4), "PUBLISHED");

        var response = tenant.delete("/public/v1/posts/" + group.member(1));

        assertAnswer(
                response, 200, """
                {"success":true,"id":"%s","group":"%s","deleted":%s,"kept":%s}""".formatted(group.member(1), group.id(), group.json(0, 1, 2, 5), group.json(3, 4)));
        assertThat(tenant.get(WINDOW).json().get("posts"))
                .extracting(post -> post.get("id").asString())
                .containsExactly(group.member(3));
        assertThat(rows.triggerFireTimes(group.id())).isEmpty();
        assertThat(rows.alarms(group.id())).isZero();
    }

    @Test
    void deletingTheGroupKeepsItsPublishedPosts() {
        var group = createGroup("schedule");
        rows.setState(group.member(0), "PUBLISHED");

        var response = tenant.delete("/public/v1/posts/group/" + group.id());

        assertAnswer(response, 200, """
                {"success":true,"group":"%s","deleted":%s,"kept":%s}""".formatted(group.id(), group.json(1, 2, 3, 4, 5), group.json(0)));
        assertThat(rows.triggerFireTimes(group.id())).isEmpty();
    }

    @Test
    void concurrentDeletesOfOneGroupDeleteItOnce() throws Exception {
        var group = createGroup("schedule");
        var paths = new ArrayList<String>();
        group.members().forEach(member -> paths.add("/public/v1/posts/" + member));
        paths.add("/public/v1/posts/group/" + group.id());
        paths.add("/public/v1/posts/group/" + group.id());

        var pool = Executors.newFixedThreadPool(paths.size());
        try {
            var start = new CountDownLatch(1);
            var answers = new ArrayList<Future<HeraldClient.Response>>();
            for (var path : paths) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return tenant.delete(path);
                }));
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            for (var answer : answers) {
                var response = answer.get(30, TimeUnit.SECONDS);
                statuses.add(response.status());
                if (response.status() == 200) {
                    assertThat(response.json().get("deleted")).hasSize(6);
                }
            }

            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 404);
        } finally {
            pool.shutdownNow();
        }
        assertThat(deletedMembers(group.id())).isEqualTo(6);
        assertThat(rows.triggerFireTimes(group.id())).isEmpty();
    }

    // --- deleting what is gone ---

    @Test
    void aSecondDeleteOfTheSamePostIsNotFound() {
        var group = createGroup("schedule");
        assertThat(tenant.delete("/public/v1/posts/" + group.member(2)).status())
                .isEqualTo(200);
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/posts/" + group.member(2)), 404, POST_NOT_FOUND);
        assertAnswer(tenant.delete("/public/v1/posts/" + group.member(5)), 404, POST_NOT_FOUND);
        assertAnswer(tenant.delete("/public/v1/posts/group/" + group.id()), 404, GROUP_NOT_FOUND);
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "01a22449-fd1a-7315-a6bf-1a1752ed9806",
                "not-an-id",
                "01a22449-fd1a-7315-a6bf",
                "01a22449fd1a7315a6bf1a1752ed9806",
                "%20",
                "1%3B2"
            })
    void anUnknownOrMalformedPostIdIsNotFound(String id) {
        createGroup("schedule");
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/posts/" + id), 404, POST_NOT_FOUND);
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01a22449-fd1a-7315-a6bf-1a1752ed9806", "not-an-id", "%20"})
    void anUnknownOrMalformedGroupIsNotFound(String id) {
        createGroup("schedule");
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/posts/group/" + id), 404, GROUP_NOT_FOUND);
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void aPostIdIsNotAGroupIdNorTheOtherWayRound() {
        var group = createGroup("schedule");
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/posts/group/" + group.member(0)), 404, GROUP_NOT_FOUND);
        assertAnswer(tenant.delete("/public/v1/posts/" + group.id()), 404, POST_NOT_FOUND);
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    // --- refusals that change nothing ---

    @ParameterizedTest(name = "by member {0}")
    @ValueSource(ints = {0, 4})
    void anotherOrganizationsPostIsForbiddenAndStaysAsItWas(int member) {
        var group = createGroup("schedule");
        var intruder = Tenant.create(new HeraldClient(port));
        var before = rows.of(tenant);

        assertAnswer(intruder.delete("/public/v1/posts/" + group.member(member)), 403, ACCESS_DENIED);
        assertAnswer(intruder.delete("/public/v1/posts/group/" + group.id()), 403, ACCESS_DENIED);

        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(tenant.get(WINDOW).json().get("posts")).hasSize(2);
        assertThat(rows.triggerFireTimes(group.id())).hasSize(1);
    }

    @Test
    void aPublishedPostCannotBeDeletedAndNothingChanges() {
        var group = createGroup("schedule");
        rows.setState(group.member(1), "PUBLISHED");
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/posts/" + group.member(1)), 403, PUBLISHED);

        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(rows.triggerFireTimes(group.id())).hasSize(1);
        assertThat(deletedMembers(group.id())).isZero();
    }

    @ParameterizedTest(name = "publishing member {0}, deleting member {1}")
    @CsvSource({"0, 0", "0, 3", "5, 1", "2, 2"})
    void aGroupWithAPostBeingPublishedCannotBeDeletedAndNothingChanges(int publishing, int deleting) {
        var group = createGroup("schedule");
        rows.setState(group.member(publishing), "PUBLISHING");
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/posts/" + group.member(deleting)), 409, BEING_PUBLISHED);
        assertAnswer(tenant.delete("/public/v1/posts/group/" + group.id()), 409, BEING_PUBLISHED);

        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(rows.triggerFireTimes(group.id())).hasSize(1);
        assertThat(deletedMembers(group.id())).isZero();
    }

    @Test
    void aGroupWhosePostsAreAllPublishedCannotBeDeleted() {
        var group = createGroup("schedule");
        group.members().forEach(member -> rows.setState(member, "PUBLISHED"));
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/posts/group/" + group.id()), 403, PUBLISHED);

        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void aGroupWhoseRemainingPostsArePublishedCannotBeDeletedAgain() {
        var group = createGroup("schedule");
        rows.setState(group.member(0), "PUBLISHED");
        assertThat(tenant.delete("/public/v1/posts/" + group.member(3)).status())
                .isEqualTo(200);
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/posts/group/" + group.id()), 403, PUBLISHED);
        assertAnswer(tenant.delete("/public/v1/posts/" + group.member(0)), 403, PUBLISHED);
        assertAnswer(tenant.delete("/public/v1/posts/" + group.member(3)), 404, POST_NOT_FOUND);

        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void aPublishedGroupOfAnotherOrganizationIsForbiddenNotPublished() {
        var group = createGroup("schedule");
        group.members().forEach(member -> rows.setState(member, "PUBLISHED"));
        var intruder = Tenant.create(new HeraldClient(port));

        assertAnswer(intruder.delete("/public/v1/posts/group/" + group.id()), 403, ACCESS_DENIED);
        assertAnswer(intruder.delete("/public/v1/posts/" + group.member(0)), 403, ACCESS_DENIED);
    }

    @Test
    void deletingNeedsAnApiKey() {
        var group = createGroup("schedule");
        var before = rows.of(tenant);

        assertAnswer(tenant.client().delete("/public/v1/posts/" + group.member(0), null), 401, """
                {"msg":"No API Key found"}""");
        assertAnswer(tenant.client().delete("/public/v1/posts/group/" + group.id(), "hk_nope"), 401, """
                {"msg":"Invalid API key"}""");

        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    private long deletedMembers(String group) {
        return jdbc.sql("select count(*) from posts where group_id = :group and deleted_at is not null")
                .param("group", UUID.fromString(group))
                .query(Long.class)
                .single();
    }
}
