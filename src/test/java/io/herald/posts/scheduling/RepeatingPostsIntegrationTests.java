package io.herald.posts.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.support.EventRows;
import io.herald.support.HeraldClient;
import io.herald.support.Invariants;
import io.herald.support.PlatformStub;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Repeating groups (spec §9.5). Each group is created with {@code inter: 1} and a first date a day
 * ago plus a few seconds: the first occurrence goes out at once (its date is past), the second a
 * few seconds later (a day after the first date). The same context as {@link EditRaceIntegrationTests}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"herald.publishing.threads=16", "herald.rate-limit.posts-per-hour=0"})
class RepeatingPostsIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    PlatformStub platform;

    Tenant tenant;

    Rows rows;

    String integration;

    @BeforeEach
    void setUp() {
        platform = new PlatformStub();
        tenant = Tenant.create(new HeraldClient(port));
        rows = new Rows(jdbc);
        integration = tenant.integration(
                "Repeat", "webhook", "{\"url\":\"%s\",\"secret\":\"s\"}".formatted(platform.url("/hook")));
    }

    @AfterEach
    void tearDown() {
        Invariants.assertScheduleConsistent(jdbc, tenant.id());
        platform.close();
    }

    @Test
    void publishesTwoSuccessiveOccurrencesEachOnceAndQueuesTheThird() {
        var first = Instant.now().minus(1, ChronoUnit.DAYS).plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        var group = create(first);
        var listed = tenant.get("/public/v1/posts?startDate=%s&endDate=%s"
                        .formatted(first.minusSeconds(1), first.plusSeconds(1)))
                .json()
                .get("posts")
                .get(0);
        assertThat(listed.get("intervalInDays").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(40)).until(() -> count(group, "state = 'PUBLISHED'") == 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(group, "state = 'QUEUE'") == 2);

        var deliveries = platform.received("/hook").stream()
                .map(r -> json.readTree(r.bodyText()).path("post"))
                .map(post -> post.path("text").asString() + " "
                        + post.path("publishDate").asString())
                .toList();
        assertThat(deliveries)
                .containsExactly(
                        "every day " + format(first),
                        "and its reply " + format(first),
                        "every day " + format(first.plus(1, ChronoUnit.DAYS)),
                        "and its reply " + format(first.plus(1, ChronoUnit.DAYS)));
        assertThat(dates(group, "QUEUE")).containsOnly(format(first.plus(2, ChronoUnit.DAYS)));
        assertThat(rows.triggerFireTimes(group))
                .containsExactly(first.plus(2, ChronoUnit.DAYS).toEpochMilli());
        assertThat(tenant.get("/public/v1/posts/" + queuedRoot(group))
                        .json()
                        .get("tags")
                        .get(0)
                        .get("tag")
                        .get("name")
                        .asString())
                .isEqualTo("Daily");
        // each occurrence after the first is Herald's own creation (spec §11)
        assertThat(new EventRows(jdbc)
                        .of(tenant.id()).stream()
                                .filter(event -> event.type().equals("post.created"))
                                .map(event -> event.actorType() + (event.requestId() == null ? "" : " in a request"))
                                .toList())
                .containsExactly("api-key in a request", "system", "system");
        assertThat(tenant.delete("/public/v1/posts/group/" + group).status()).isEqualTo(200);
    }

    @Test
    void deletingTheGroupAfterTheFirstOccurrenceStopsTheSecond() throws Exception {
        var first = Instant.now().minus(1, ChronoUnit.DAYS).plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
        var group = create(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> count(group, "state = 'PUBLISHED'") == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(group, "state = 'QUEUE'") == 2);

        var deleted = tenant.delete("/public/v1/posts/group/" + group);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().get("deleted")).hasSize(2);
        assertThat(deleted.json().get("kept")).hasSize(2);
        assertThat(rows.alarms(group)).isZero();
        // the issue asks to see that the second occurrence never goes out: wait past its date
        var second = first.plus(1, ChronoUnit.DAYS);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), second).toMillis()) + 2000);
        assertThat(platform.received("/hook")).hasSize(2);
        assertThat(count(group, "state in ('QUEUE', 'PUBLISHING', 'PUBLISHED')"))
                .isEqualTo(2);
    }

    private String create(Instant date) {
        return tenant.createPosts("""
                        {"type":"schedule","date":"%s","shortLink":false,"inter":1,"tags":[{"value":"d","label":"Daily"}],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"every day"},{"content":"and its reply"}]}]}
                        """.formatted(date, integration))
                .get(0)
                .get("group")
                .asString();
    }

    private long count(String group, String condition) {
        return jdbc.sql("select count(*) from posts where group_id = cast(:group as uuid) and deleted_at is null and "
                        + condition)
                .param("group", group)
                .query(Long.class)
                .single();
    }

    private List<String> dates(String group, String state) {
        return jdbc.sql("""
                        select publish_date from posts
                        where group_id = cast(:group as uuid) and deleted_at is null and state = :state""")
                .param("group", group)
                .param("state", state)
                .query((rs, n) ->
                        format(rs.getObject(1, java.time.OffsetDateTime.class).toInstant()))
                .list();
    }

    private String queuedRoot(String group) {
        return jdbc.sql("""
                        select id::text from posts where group_id = cast(:group as uuid) and deleted_at is null
                          and state = 'QUEUE' and thread_index = 0""").param("group", group).query(String.class).single();
    }

    private static String format(Instant instant) {
        return io.herald.kernel.ApiTime.format(instant);
    }
}
