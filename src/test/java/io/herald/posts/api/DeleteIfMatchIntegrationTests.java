package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code If-Match: "<version>"} on a delete: only the group as it was read is deleted (spec §10.3). */
@HeraldIntegrationTest
class DeleteIfMatchIntegrationTests {

    private static final String STALE = """
            {"statusCode":412,"message":"Post was changed since it was read","error":"Precondition Failed"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Rows rows;

    Tenant tenant;

    String group;

    String post;

    @BeforeEach
    void createGroup() {
        rows = new Rows(jdbc);
        tenant = Tenant.create(new HeraldClient(port));
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"A"},{"content":"A1"}]}]}
                """.formatted(tenant.webhook("A")));
        group = created.get(0).get("group").asString();
        post = created.get(0).get("postId").asString();
    }

    @Test
    void theCurrentVersionDeletes() {
        var response = delete("/public/v1/posts/" + post, "\"" + version() + "\"");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("deleted")).hasSize(2);
        assertThat(rows.alarms(group)).isZero();
    }

    @Test
    void theDryRunsETagDeletesWhatItPreviewed() {
        var dryRun = tenant.delete("/public/v1/posts/" + post + "?dryRun=true");
        var etag = dryRun.headers().firstValue("ETag").orElseThrow();

        assertThat(etag).isEqualTo("\"" + version() + "\"");
        var response = delete("/public/v1/posts/" + post, etag);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("deleted")).isEqualTo(dryRun.json().get("deleted"));
    }

    @Test
    void aVersionChangedSinceItWasReadIs412AndNothingIsDeleted() {
        var read = version();
        rows.setState(rows.members(group).get(1), "ERROR");
        jdbc.sql("update posts set version = version + 1 where group_id = :group")
                .param("group", UUID.fromString(group))
                .update();
        var before = rows.of(tenant);

        assertAnswer(delete("/public/v1/posts/" + post, "\"" + read + "\""), 412, STALE);
        assertAnswer(delete("/public/v1/posts/group/" + group, "\"" + read + "\""), 412, STALE);
        assertAnswer(delete("/public/v1/posts/" + post + "?dryRun=true", "\"" + read + "\""), 412, STALE);

        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(rows.alarms(group)).isEqualTo(1);
        assertThat(delete("/public/v1/posts/group/" + group, "\"" + version() + "\"")
                        .status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"%d\"", "%d", "\"x\"", "\"%d0\""})
    void anIfMatchThatIsNotTheCurrentTagIs412(String tag) {
        var before = rows.of(tenant);

        assertAnswer(delete("/public/v1/posts/" + post, tag.formatted(version())), 412, STALE);

        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "\"0\", \"%d\""})
    void anyVersionOrOneOfSeveralDeletes(String tag) {
        assertThat(delete("/public/v1/posts/" + post, tag.formatted(version())).status())
                .isEqualTo(200);
    }

    @Test
    void anUnknownPostIs404WhateverTheIfMatch() {
        assertAnswer(delete("/public/v1/posts/" + UUID.randomUUID(), "\"1\""), 404, """
                {"statusCode":404,"message":"Post not found","error":"Not Found"}""");
    }

    private HeraldClient.Response delete(String path, String ifMatch) {
        return tenant.send("DELETE", path, null, Map.of("If-Match", ifMatch));
    }

    private long version() {
        return jdbc.sql("select sum(version) from posts where group_id = :group")
                .param("group", UUID.fromString(group))
                .query(Long.class)
                .single();
    }
}
