package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /public/v1/posts/bulk-delete} by filter, and what the request itself may be refused for
 * (spec §10.2); the entries' own rules are {@code BulkDeleteIntegrationTests}'.
 */
@HeraldIntegrationTest
class BulkDeleteFilterIntegrationTests {

    private static final String BULK = "/public/v1/posts/bulk-delete";

    private static final String WINDOW = "\"startDate\":\"2030-05-01\",\"endDate\":\"2030-05-02\"";

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
        b = tenant.webhook("B", tenant.customer("Customer"));
    }

    private String group(String type, String date, String... integrations) {
        var posts = java.util.Arrays.stream(integrations)
                .map(integration ->
                        "{\"integration\":{\"id\":\"%s\"},\"value\":[{\"content\":\"x\"},{\"content\":\"y\"}]}"
                                .formatted(integration))
                .collect(Collectors.joining(","));
        return tenant.createPosts("""
                        {"type":"%s","date":"%s","shortLink":false,"tags":[],"posts":[%s]}
                        """.formatted(type, date, posts))
                .get(0)
                .get("group")
                .asString();
    }

    @Test
    void aFilteredDryRunReportsWhatTheRealDeleteThenDeletes() {
        var groups = List.of(
                group("schedule", "2030-05-01T09:00:00Z", a, b),
                group("schedule", "2030-05-01T10:00:00Z", a),
                group("draft", "2030-05-01T11:00:00Z", b),
                group("schedule", "2030-05-02T00:00:00Z", a, b));
        var published = group("schedule", "2030-05-01T12:00:00Z", a, b);
        rows.setState(rows.thread(published, b).get(0), "PUBLISHED");
        var outside = group("schedule", "2030-05-03T09:00:00Z", a);
        var before = rows.of(tenant);

        var dryRun = tenant.post(BULK, "{\"filter\":{" + WINDOW + "},\"dryRun\":true}");

        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(dryRun.json().get("deleted").asInt()).isEqualTo(4 + 2 + 2 + 4 + 3);
        assertThat(dryRun.json().get("failed").asInt()).isZero();
        assertThat(dryRun.json().get("results"))
                .extracting(result -> result.get("group").asString())
                .containsExactly(groups.get(0), groups.get(1), groups.get(2), published, groups.get(3));

        var real = tenant.post(BULK, "{\"filter\":{" + WINDOW + "}}");

        assertThat(real.json().get("deleted").asInt())
                .isEqualTo(dryRun.json().get("deleted").asInt());
        for (int i = 0; i < 5; i++) {
            var expected = dryRun.json().get("results").get(i);
            var actual = real.json().get("results").get(i);
            assertThat(actual.get("deleted")).isEqualTo(expected.get("deleted"));
            assertThat(actual.get("kept")).isEqualTo(expected.get("kept"));
            assertThat(actual.get("status").asInt()).isEqualTo(200);
        }
        groups.forEach(group -> assertThat(rows.alarms(group)).isZero());
        assertThat(rows.alarms(outside)).isEqualTo(1);
        assertAnswer(tenant.post(BULK, "{\"filter\":{" + WINDOW + "}}"), 200, """
                {"results":[{"group":"%s","status":403,"deleted":[],"kept":[],"message":"Published posts cannot be deleted"}],
                 "deleted":0,"failed":1}""".formatted(published));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "state draft | \"state\":\"draft\" | 2",
                "state QUEUE | \"state\":\"QUEUE\" | 6",
                "state failed | \"state\":\"failed\" | 0",
                "customer | \"customer\":\"CUSTOMER\" | 6",
                "integration | \"integration\":\"A\" | 6",
                "unknown integration | \"integration\":\"not-an-id\" | 0"
            })
    void aFilterNarrowsTheGroups(String name, String narrowing, int deleted) {
        group("schedule", "2030-05-01T09:00:00Z", a, b);
        group("schedule", "2030-05-01T10:00:00Z", a);
        group("draft", "2030-05-01T11:00:00Z", b);
        var customer = jdbc.sql("select customer_id::text from integrations where id = cast(:id as uuid)")
                .param("id", b)
                .query(String.class)
                .single();
        var filter = narrowing.replace("CUSTOMER", customer).replace("\"A\"", "\"" + a + "\"");

        var dryRun = tenant.post(BULK, "{\"dryRun\":true,\"filter\":{" + WINDOW + "," + filter + "}}");
        var real = tenant.post(BULK, "{\"filter\":{" + WINDOW + "," + filter + "}}");

        assertThat(dryRun.json().get("deleted").asInt()).isEqualTo(deleted);
        assertThat(real.json().get("deleted").asInt()).isEqualTo(deleted);
    }

    @Test
    void aFilterOverTenThousandGroupsIs400AndNothingChanges() {
        jdbc.sql("""
                        insert into posts (id, organization_id, group_id, integration_id, thread_index, content, image,
                                           settings, publish_date, delay_minutes, state, creation_method, created_at,
                                           updated_at)
                        select gen_random_uuid(), cast(:organization as uuid), gen_random_uuid(), cast(:integration as uuid),
                               0, 'seeded', '[]', '{}', timestamptz '2031-01-01T00:00:00Z' + n * interval '1 second', 0,
                               'DRAFT', 'API', now(), now()
                        from generate_series(1, 10001) n
                        """).param("organization", tenant.id()).param("integration", a).update();
        var before = rows.of(tenant);

        assertAnswer(
                tenant.post(BULK, "{\"filter\":{\"startDate\":\"2031-01-01\",\"endDate\":\"2031-01-02\"}}"), 400, """
                {"statusCode":400,"message":"The filter matches more than 10000 groups; narrow it (a shorter window, an integration, a customer or a state)","error":"Bad Request"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);

        var narrower = tenant.post(
                BULK,
                "{\"dryRun\":true,\"filter\":{\"startDate\":\"2031-01-01T00:00:00Z\",\"endDate\":\"2031-01-01T00:00:03Z\"}}");
        assertThat(narrower.json().get("deleted").asInt()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not an object | [] | [\"the body must be a JSON object\"]",
                "nothing to delete | {} | \"Pass ids, groups or a filter\"",
                "ids and a filter | {\"ids\":[],\"filter\":{}} | \"Pass ids and groups, or a filter, not both\"",
                "ids not an array | {\"ids\":\"x\",\"groups\":[1]} | [\"ids must be an array\",\"each value in groups must be a string\"]",
                "dryRun not a boolean | {\"ids\":[],\"dryRun\":\"yes\"} | [\"dryRun must be a boolean value\"]",
                "filter without dates | {\"filter\":{\"state\":\"nope\"}} | [\"filter.startDate must be a valid ISO 8601 date string\",\"filter.endDate must be a valid ISO 8601 date string\",\"filter.state must be a comma-separated list of DRAFT, QUEUE, PUBLISHED, ERROR, draft, scheduled, publishing, published, failed\"]",
                "filter not an object | {\"filter\":3} | [\"filter must be an object\"]"
            })
    void aMalformedRequestIs400AndNothingChanges(String name, String body, String message) {
        group("schedule", "2030-05-01T09:00:00Z", a);
        var before = rows.of(tenant);

        assertAnswer(tenant.post(BULK, body), 400, """
                {"statusCode":400,"message":%s,"error":"Bad Request"}""".formatted(message));
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void overAThousandEntriesIs400AndNothingChanges() {
        var group = group("schedule", "2030-05-01T09:00:00Z", a);
        var ids = IntStream.range(0, 1000)
                .mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(","));
        var before = rows.of(tenant);

        assertAnswer(tenant.post(BULK, "{\"ids\":[" + ids + "],\"groups\":[\"" + group + "\"]}"), 400, """
                {"statusCode":400,"message":"At most 1000 ids and groups per request, this one has 1001","error":"Bad Request"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @Test
    void anEntryWhoseGroupAnEarlierEntryDeletedIsDoneAlready() {
        var group = group("schedule", "2030-05-01T09:00:00Z", a, b);
        var members = rows.members(group);
        var ids = "\"%s\",\"%s\"".formatted(members.get(3), members.get(0));

        var dryRun = tenant.post(BULK, "{\"dryRun\":true,\"ids\":[" + ids + "],\"groups\":[\"" + group + "\"]}");
        var real = tenant.post(BULK, "{\"ids\":[" + ids + "],\"groups\":[\"" + group + "\"]}");

        var all = members.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        assertAnswer(dryRun, 200, """
                {"results":[{"id":"%s","status":200,"deleted":[%s],"kept":[],"blocked":[]},
                            {"id":"%s","status":200,"deleted":[],"kept":[],"blocked":[]},
                            {"group":"%s","status":200,"deleted":[],"kept":[],"blocked":[]}],
                 "deleted":4,"failed":0,"dryRun":true}""".formatted(members.get(3), all, members.get(0), group));
        assertAnswer(real, 200, """
                {"results":[{"id":"%s","status":200,"deleted":[%s],"kept":[]},
                            {"id":"%s","status":200,"deleted":[],"kept":[]},
                            {"group":"%s","status":200,"deleted":[],"kept":[]}],
                 "deleted":4,"failed":0}""".formatted(members.get(3), all, members.get(0), group));
        assertThat(rows.alarms(group)).isZero();
    }
}
