package io.herald.posts.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.EventRows;
import io.herald.support.HeraldClient;
import io.herald.support.PlatformStub;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publications write their events in the transaction that records them, as Herald itself (no key,
 * no request): published, failed by the platform, failed as missed or as outcome unknown, and the
 * thread items that fail after them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublicationEventsIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Scheduler scheduler;

    PlatformStub receiver;

    Tenant tenant;

    String integration;

    Rows rows;

    EventRows events;

    @BeforeEach
    void setUp() {
        rows = new Rows(jdbc);
        events = new EventRows(jdbc);
        receiver = new PlatformStub();
        tenant = Tenant.create(new HeraldClient(port));
        integration = tenant.integration(
                "Hook", "webhook", "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(receiver.url("/hook")));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void aPublishedRootAndARefusedItemWriteTheirEventsAndTheBrokenRestOfTheThreadOneMore() {
        receiver.answer(request ->
                json.readTree(request.body()).path("post").path("threadIndex").asInt() == 1
                        ? PlatformStub.Answer.json(400, "{\"error\":\"duplicate content\"}")
                        : PlatformStub.Answer.json(200, "{\"id\":\"r1\",\"url\":\"https://example.test/r1\"}"));
        var group = tenant.createPosts(post("now", "[{\"content\":\"a\"},{\"content\":\"b\"},{\"content\":\"c\"}]"))
                .get(0)
                .get("group")
                .asString();
        var members = rows.members(group);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> events.of(tenant.id()).size() == 4);

        var written = events.of(tenant.id());
        assertThat(written.subList(1, 4))
                .extracting(EventRows.Row::summary)
                .containsExactly(
                        system("post.published", group, members.get(0)),
                        system("post.failed", group, members.get(1)),
                        system("post.failed", group, members.get(2)));
        assertThat(written.get(1).data())
                .isEqualTo("{\"releaseId\": \"r1\", \"releaseURL\": \"https://example.test/r1\", \"integration\": \""
                        + integration + "\"}");
        assertThat(written.get(2).data())
                .isEqualTo("{\"error\": \"the webhook refused it (HTTP 400): duplicate content\", \"reason\":"
                        + " \"platform\", \"integration\": \"" + integration + "\"}");
        assertThat(written.get(3).data())
                .isEqualTo("{\"error\": \"Not published: thread item 1 before it failed\", \"reason\": \"thread\","
                        + " \"integration\": \"" + integration + "\"}");
        var notifications = tenant.get("/public/v1/notifications").json().get("notifications");
        assertThat(notifications)
                .extracting(n -> n.get("content").asString() + " "
                        + (n.get("link").isNull() ? "null" : n.get("link").asString()))
                .containsExactly(
                        "Post " + members.get(2) + " could not be published: Not published: thread item 1 before it"
                                + " failed null",
                        "Post " + members.get(1) + " could not be published: the webhook refused it (HTTP 400):"
                                + " duplicate content null",
                        "Post " + members.get(0) + " was published https://example.test/r1");
    }

    @Test
    void aMissedPostWritesAFailedEvent() {
        var group = tenant.createPosts(post("schedule", "[{\"content\":\"stale\"}]"))
                .get(0)
                .get("group")
                .asString();
        jdbc.sql("update posts set due_at = now() - interval '25 hours' where group_id = cast(:group as uuid)")
                .param("group", group)
                .update();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> events.of(tenant.id()).size() == 2);

        var failed = events.of(tenant.id()).get(1);
        assertThat(failed.summary())
                .isEqualTo(system("post.failed", group, rows.members(group).get(0)));
        assertThat(failed.data()).contains("\"reason\": \"missed\"");
    }

    @Test
    void aPostOfADeadNodeWritesAFailedEventAsOutcomeUnknownAndItsThreadOneMore() {
        var group = tenant.createPosts(post("draft", "[{\"content\":\"held\"},{\"content\":\"after\"}]"))
                .get(0)
                .get("group")
                .asString();
        var members = rows.members(group);
        jdbc.sql("""
                        update posts set state = case when thread_index = 0 then 'PUBLISHING' else 'QUEUE' end,
                                         publishing_node = case when thread_index = 0 then 'node-that-died' end,
                                         publishing_since = case when thread_index = 0 then now() end,
                                         claim_id = case when thread_index = 0 then gen_random_uuid() end,
                                         due_at = case when thread_index = 0 then now() end,
                                         cluster = :cluster
                        where group_id = cast(:group as uuid)
                        """).param("group", group).param("cluster", cluster()).update();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> events.of(tenant.id()).size() == 3);

        var written = events.of(tenant.id());
        assertThat(written.subList(1, 3))
                .extracting(EventRows.Row::summary)
                .containsExactly(
                        system("post.failed", group, members.get(0)), system("post.failed", group, members.get(1)));
        assertThat(written.get(1).data()).contains("\"reason\": \"abandoned\"");
        assertThat(written.get(2).data()).contains("\"reason\": \"thread\"");
    }

    private static String system(String type, String group, String post) {
        return type + " " + group + " " + List.of(post) + " system null null";
    }

    private String post(String type, String values) {
        var date = type.equals("now") ? "" : "\"date\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",";
        return """
                {"type":"%s",%s"shortLink":false,"tags":[],"posts":[{"integration":{"id":"%s"},"value":%s}]}
                """.formatted(type, date, integration, values);
    }

    private String cluster() {
        try {
            return scheduler.getSchedulerName();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }
}
