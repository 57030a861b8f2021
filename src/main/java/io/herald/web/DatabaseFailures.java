package io.herald.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the database cannot be reached, however it arrives: the pool's timeout,
 * a connection refused or dropped in the middle of a transaction, or any of these wrapped by
 * Spring, JPA or Hibernate (which name the same outage differently, so the causes decide).
 */
final class DatabaseFailures {

    /**
     * What Hikari says of a connection it evicted after a connection error: seen when the rollback
     * that follows a lost connection fails, and masks the first error.
     */
    private static final String CLOSED = "Connection is closed";

    private DatabaseFailures() {}

    static boolean unavailable(Throwable failure) {
        // Bounded: a cause chain may loop.
        var depth = 0;
        for (var cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && (unavailable(sql.getSQLState()) || CLOSED.equals(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The SQLSTATE of a value the database refused to store: class 22 (data exception: a NUL in
     * text or jsonb, a lone surrogate escape, a number out of range) or 54000 (program limit
     * exceeded: a value too large for an index row). Empty for every other failure.
     */
    static Optional<String> refusedValue(Throwable failure) {
        var depth = 0;
        for (var cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                var state = sql.getSQLState();
                if (state.startsWith("22") || state.equals("54000")) {
                    return Optional.of(state);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01-57P03 (the server is shutting down, crashed
     * or cannot take connections yet) and 53300 (too many connections).
     */
    private static boolean unavailable(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03")
                        || state.equals("53300"));
    }
}
