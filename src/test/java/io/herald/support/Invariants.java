package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scheduling invariants, for one organization's posts: no queued post without an alarm of its
 * group (a trigger of the group's job), and no alarm without a queued post. Alarms go away as
 * posts go out, so the check waits for publishing to settle.
 */
public final class Invariants {

    private Invariants() {}

    public static void assertScheduleConsistent(JdbcClient jdbc, String organizationId) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(queuedWithoutTrigger(jdbc, organizationId))
                            .as("queued posts without a trigger")
                            .isEmpty();
                    assertThat(triggersWithoutQueued(jdbc, organizationId))
                            .as("triggers without a queued post")
                            .isEmpty();
                });
    }

    public static List<String> queuedWithoutTrigger(JdbcClient jdbc, String organizationId) {
        return jdbc.sql("""
                        select p.id::text from posts p
                        where p.organization_id = cast(:organization as uuid) and p.state = 'QUEUE' and p.deleted_at is null
                          and not exists (select 1 from qrtz_triggers t where t.trigger_group = p.group_id::text)
                        """)
                .param("organization", organizationId)
                .query(String.class)
                .list();
    }

    public static List<String> triggersWithoutQueued(JdbcClient jdbc, String organizationId) {
        return jdbc.sql("""
                        select t.trigger_name from qrtz_triggers t
                        where t.trigger_group in (select group_id::text from posts
                                                  where organization_id = cast(:organization as uuid))
                          and not exists (select 1 from posts p where p.group_id::text = t.trigger_group
                                          and p.state = 'QUEUE' and p.deleted_at is null)
                        """)
                .param("organization", organizationId)
                .query(String.class)
                .list();
    }

    /** No post that a delete removed was ever sent: the platform stub saw none of their delivery ids. */
    public static void assertNoDeletedPostSent(JdbcClient jdbc, String organizationId, List<String> deliveredIds) {
        var deleted = jdbc.sql(
                        "select id::text from posts where organization_id = cast(:organization as uuid) and deleted_at is not null")
                .param("organization", organizationId)
                .query(String.class)
                .list();
        assertThat(deliveredIds).as("deleted posts that were sent").noneMatch(deleted::contains);
    }
}
