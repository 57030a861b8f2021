package io.herald.posts.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldIntegrationTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Quartz's own queries on Herald's schema find the due triggers through an index bounded by the fire
 * time: Quartz binds trigger times as NUMERIC, which against a BIGINT column cast the column, so no
 * index could bound it (each acquisition read every trigger).
 */
@HeraldIntegrationTest
class QuartzLookupsIntegrationTests {

    /** The statement Quartz's {@code StdJDBCDelegate} acquires the next triggers with. */
    private static final String ACQUIRE =
            "SELECT TRIGGER_NAME, TRIGGER_GROUP, NEXT_FIRE_TIME, PRIORITY FROM QRTZ_TRIGGERS"
                    + " WHERE SCHED_NAME = ? AND TRIGGER_STATE = ? AND NEXT_FIRE_TIME <= ?"
                    + " AND (MISFIRE_INSTR = -1 OR (MISFIRE_INSTR != -1 AND NEXT_FIRE_TIME >= ?))"
                    + " ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC";

    /** A thousand alarms waiting for the year 2030 (the test's transaction is rolled back). */
    private static final String[] FUTURE_ALARMS = {"""
        insert into qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable,
                                      is_nonconcurrent, is_update_data, requests_recovery)
        values ('herald', 'publication-alarm', 'herald', 'io.herald.posts.scheduling.PublishGroupJob',
                true, false, false, false)
        on conflict do nothing
        """, """
        insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time,
                                   priority, trigger_state, trigger_type, start_time, misfire_instr)
        select 'herald', 'lookup-' || i, 'lookup-' || i, 'publication-alarm', 'herald', 1900000000000 + i,
               5, 'WAITING', 'SIMPLE', 0, 1
        from generate_series(1, 1000) i
        """, "analyze qrtz_triggers"};

    @Autowired
    DataSource dataSource;

    @Test
    void acquiringTheDueAlarmsAmongManyBoundsTheirFireTimeInTheIndex() throws SQLException {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (var statement : FUTURE_ALARMS) {
                    execute(connection, statement);
                }

                var plan = plan(
                        connection,
                        ACQUIRE,
                        "herald",
                        "WAITING",
                        BigDecimal.valueOf(1_800_000_000_000L),
                        BigDecimal.ZERO);

                assertThat(plan)
                        .as(String.join("\n", plan))
                        .anyMatch(line -> line.contains("Index Cond") && line.contains("next_fire_time <="))
                        .noneMatch(line -> line.contains("(next_fire_time)::numeric"));
            } finally {
                connection.rollback();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The plan PostgreSQL chooses, with parameters bound as Quartz binds them. */
    private static List<String> plan(Connection connection, String sql, Object... parameters) throws SQLException {
        try (var explain = connection.prepareStatement("explain " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            var lines = new ArrayList<String>();
            try (var rows = explain.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return lines;
        }
    }
}
