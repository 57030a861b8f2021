package io.herald.posts.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldIntegrationTest;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Quartz's own queries on Herald's schema find triggers through an index, however many alarms are
 * waiting: Quartz binds trigger times as NUMERIC, which against a BIGINT column left the fire time
 * out of every index condition (each acquisition read every trigger).
 */
@HeraldIntegrationTest
class QuartzLookupsIntegrationTests {

    /** The statement Quartz's {@code StdJDBCDelegate} acquires the next triggers with. */
    private static final String ACQUIRE =
            "SELECT TRIGGER_NAME, TRIGGER_GROUP, NEXT_FIRE_TIME, PRIORITY FROM QRTZ_TRIGGERS"
                    + " WHERE SCHED_NAME = ? AND TRIGGER_STATE = ? AND NEXT_FIRE_TIME <= ?"
                    + " AND (MISFIRE_INSTR = -1 OR (MISFIRE_INSTR != -1 AND NEXT_FIRE_TIME >= ?))"
                    + " ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC";

    @Autowired
    DataSource dataSource;

    @Test
    void acquiringTriggersBoundsTheirFireTimeInTheIndex() throws SQLException {
        var plan = plan(ACQUIRE, "herald", "WAITING", BigDecimal.valueOf(1_800_000_000_000L), BigDecimal.ZERO);

        assertThat(plan)
                .as(String.join("\n", plan))
                .anyMatch(line -> line.contains("Index Cond") && line.contains("next_fire_time <="));
    }

    /** The plan PostgreSQL would use if it could not scan the table, with parameters bound as Quartz binds them. */
    private List<String> plan(String sql, Object... parameters) throws SQLException {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("set local enable_seqscan = off");
            }
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
            } finally {
                connection.rollback();
            }
        }
    }
}
