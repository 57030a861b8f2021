package io.herald.events;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.EventRows;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Tenant;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code GET /public/v1/events}: the organization's events, page by page, oldest first (spec §11). */
@HeraldIntegrationTest
class EventFeedIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventQueries queries;

    Tenant tenant;

    String integration;

    EventRows events;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(new HeraldClient(port));
        integration = tenant.webhook("A");
        events = new EventRows(jdbc);
    }

    @Test
    void pagesThroughTheOrganizationsEventsInOrderAndThenAnswersAnEmptyPageWithTheSameCursor() {
        var first = createDraft();
        tenant.delete("/public/v1/posts/group/" + first);
        var second = createDraft();
        var other = Tenant.create(tenant.client());
        other.createPosts(draft(other.webhook("Other")));

        var page = tenant.get("/public/v1/events?limit=2");
        assertThat(page.status()).isEqualTo(200);
        var written = events.of(tenant.id());
        assertThat(written)
                .extracting(EventRows.Row::type)
                .containsExactly("post.created", "post.deleted", "post.created");
        var post = written.get(0).posts().get(0);
        var next = page.json().get("nextCursor").asString();
        assertAnswer(page, 200, """
                {"events":[
                  {"id":"%s","type":"post.created","occurredAt":"%s","group":"%s","posts":["%s"],
                   "actor":{"type":"api-key","id":"%s","name":"default"},"requestId":"%s",
                   "data":{"type":"draft","publishDate":"2030-05-01T09:00:00.000Z","integrations":["%s"]}},
                  {"id":"%s","type":"post.deleted","occurredAt":"%s","group":"%s","posts":["%s"],
                   "actor":{"type":"api-key","id":"%s","name":"default"},"requestId":"%s","data":{"kept":[]}}],
                 "nextCursor":"%s"}""".formatted(
                        written.get(0).id(),
                        new EventRows(jdbc).occurredAt(written.get(0).id()),
                        first,
                        post,
                        written.get(0).actorId(),
                        written.get(0).requestId(),
                        integration,
                        written.get(1).id(),
                        new EventRows(jdbc).occurredAt(written.get(1).id()),
                        first,
                        post,
                        written.get(1).actorId(),
                        written.get(1).requestId(),
                        next));

        var rest = tenant.get("/public/v1/events?limit=2&after=" + next);
        assertThat(rest.json().get("events")).hasSize(1);
        assertThat(rest.json().get("events").get(0).get("group").asString()).isEqualTo(second);
        var end = rest.json().get("nextCursor").asString();

        assertAnswer(tenant.get("/public/v1/events?after=" + end), 200, """
                {"events":[],"nextCursor":"%s"}""".formatted(end));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "limit=0|limit must not be less than 1",
                "limit=1001|limit must not be greater than 1000",
                "limit=ten|limit must be an integer number",
                "after=nonsense|after must be a cursor given as nextCursor"
            })
    void refusesABadQuery(String query, String message) {
        assertAnswer(tenant.get("/public/v1/events?" + query), 400, """
                {"statusCode":400,"message":["%s"],"error":"Bad Request"}""".formatted(message));
    }

    @Test
    void prunesEventsPastTheRetentionAndNothingNewer() {
        var old = createDraft();
        var recent = createDraft();
        tenant.get("/public/v1/events");
        jdbc.sql("update events set occurred_at = now() - interval '31 days' where group_id = cast(:group as uuid)")
                .param("group", old)
                .update();

        queries.prune();

        assertThat(events.of(tenant.id())).extracting(EventRows.Row::group).containsExactly(recent);
    }

    @Test
    void everyEventIsNumberedOnceAndTheFeedReadsThemOnce() {
        var groups = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            groups.add(createDraft());
        }
        var seen = new ArrayList<String>();
        var cursor = "";
        for (int pages = 0; pages < 10; pages++) {
            var page = tenant.get("/public/v1/events?limit=2&after=" + cursor).json();
            page.get("events").forEach(event -> seen.add(event.get("group").asString()));
            cursor = page.get("nextCursor").asString();
        }
        assertThat(seen).containsExactlyElementsOf(groups);
    }

    private String createDraft() {
        return tenant.createPosts(draft(integration)).get(0).get("group").asString();
    }

    private static String draft(String integration) {
        return """
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"A"}]}]}""".formatted(integration);
    }
}
