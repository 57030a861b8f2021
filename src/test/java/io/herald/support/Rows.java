package io.herald.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the database holds for one organization, to show that a refused request changed nothing. */
public final class Rows {

    private final JdbcClient jdbc;

    public Rows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every row an API request may write for the organization: its posts (state and deletion
     * included), tags and post-tag links, the triggers of its groups, and the number of
     * pending triggers in the whole database that fire more than a day from now, and its events.
     */
    public Snapshot of(Tenant tenant) {
        var organization = UUID.fromString(tenant.id());
        return new Snapshot(
                jdbc.sql("""
                        select id, group_id, state, deleted_at, updated_at from posts
                        where organization_id = :organization order by id
                        """).param("organization", organization).query().listOfRows(),
                jdbc.sql("select id, name from tags where organization_id = :organization order by id")
                        .param("organization", organization)
                        .query()
                        .listOfRows(),
                jdbc.sql("""
                        select pt.post_id, pt.tag_id from post_tags pt join posts p on p.id = pt.post_id
                        where p.organization_id = :organization order by pt.post_id, pt.tag_id
                        """).param("organization", organization).query().listOfRows(),
                jdbc.sql("""
                        select trigger_group, trigger_name, next_fire_time from qrtz_triggers
                        where trigger_group in
                              (select group_id::text from posts where organization_id = :organization)
                        order by trigger_group, trigger_name
                        """).param("organization", organization).query().listOfRows(),
                jdbc.sql("""
                        select count(*) from qrtz_triggers
                        where next_fire_time > (extract(epoch from now() + interval '1 day') * 1000)
                        """).query(Long.class).single(),
                jdbc.sql("select id, type from events where organization_id = :organization order by serial")
                        .param("organization", organization)
                        .query()
                        .listOfRows());
    }

    /** The alarm of a group's roots: its next fire time in epoch milliseconds, if it has one. */
    public List<Long> triggerFireTimes(String group) {
        return jdbc.sql("""
                        select next_fire_time from qrtz_triggers
                        where trigger_group = :group and trigger_name = :group
                        """).param("group", group).query(Long.class).list();
    }

    /** How many alarms (Quartz triggers) the group has. */
    public long alarms(String group) {
        return jdbc.sql("select count(*) from qrtz_triggers where trigger_group = :group")
                .param("group", group)
                .query(Long.class)
                .single();
    }

    /** The ids of the group's posts, deleted ones included, in creation order. */
    public List<String> members(String group) {
        return jdbc.sql("select id::text from posts where group_id = :group order by id")
                .param("group", UUID.fromString(group))
                .query(String.class)
                .list();
    }

    /** The thread of the group's posts for one integration: root first, then its items in order. */
    public List<String> thread(String group, String integration) {
        return jdbc.sql("""
                        select id::text from posts where group_id = :group and integration_id = :integration
                        order by thread_index
                        """)
                .param("group", UUID.fromString(group))
                .param("integration", UUID.fromString(integration))
                .query(String.class)
                .list();
    }

    /** The thread items of a root post, in order: their state, error and release. */
    public List<Outcome> threadItems(String rootPostId) {
        return jdbc.sql("""
                        select state, error, release_id, release_url from posts
                        where root_post_id = :root and parent_post_id is not null order by thread_index
                        """)
                .param("root", UUID.fromString(rootPostId))
                .query((rs, row) -> new Outcome(
                        rs.getString("state"),
                        rs.getString("error"),
                        rs.getString("release_id"),
                        rs.getString("release_url")))
                .list();
    }

    /** The first thread item of a root post, once it is published (within 30 seconds). */
    public Outcome publishedThreadItem(String rootPostId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> threadItems(rootPostId).get(0).state().equals("PUBLISHED"));
        return threadItems(rootPostId).get(0);
    }

    /** Moves a post to a state, as a publisher would. */
    public void setState(String postId, String state) {
        jdbc.sql("update posts set state = :state where id = :id")
                .param("state", state)
                .param("id", UUID.fromString(postId))
                .update();
    }

    /** How a post's publication ended, as its row says. */
    public record Outcome(String state, String error, String releaseId, String releaseUrl) {}

    public record Snapshot(
            List<Map<String, Object>> posts,
            List<Map<String, Object>> tags,
            List<Map<String, Object>> postTags,
            List<Map<String, Object>> triggers,
            long futureTriggers,
            List<Map<String, Object>> events) {}
}
