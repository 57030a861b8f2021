package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every way a dead database reaches the web layer answers 503, in the contract of the path: the
 * Nest-style body under /public/v1, a problem elsewhere. Other database errors stay 500.
 */
class DatabaseUnavailableTests {

    static Stream<Arguments> outages() {
        Supplier<SQLException> refused =
                () -> new PSQLException("Connection to 127.0.0.1:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        Supplier<SQLException> dropped = () ->
                new PSQLException("An I/O error occurred while sending to the backend", PSQLState.CONNECTION_FAILURE);
        Supplier<SQLException> shutdown =
                () -> new SQLException("terminating connection due to administrator command", "57P01");
        return Stream.of(
                Arguments.of(
                        "the pool's timeout, opening a transaction",
                        new CannotCreateTransactionException(
                                "Could not open JPA EntityManager for transaction",
                                new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))),
                Arguments.of(
                        "the pool's timeout, without a transaction",
                        new CannotGetJdbcConnectionException(
                                "Failed to obtain JDBC Connection",
                                new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))),
                Arguments.of("connection refused, bare", refused.get()),
                Arguments.of(
                        "connection dropped in a transaction, through Hibernate and Spring",
                        new JpaSystemException(new JDBCConnectionException("could not execute query", dropped.get()))),
                Arguments.of(
                        "the server shutting down, through Hibernate's generic wrapper",
                        new JpaSystemException(
                                new GenericJDBCException("could not execute statement", shutdown.get()))),
                Arguments.of(
                        "the commit failing on a dropped connection",
                        new TransactionSystemException("Could not commit JPA transaction", dropped.get())),
                Arguments.of(
                        "the rollback after a lost connection, on the connection the pool evicted",
                        new JpaSystemException(new org.hibernate.TransactionException(
                                "Unable to rollback against JDBC Connection",
                                new SQLException("Connection is closed")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void answers503InTheNestShapeUnderThePublicApi(String what, Exception failure) {
        var response = mvc(failure).get().uri("/public/v1/boom").exchange();

        assertThat(response).hasStatus(503);
        assertThat(response)
                .bodyJson()
                .isStrictlyEqualTo(
                        "{\"statusCode\":503,\"message\":\"Service unavailable\",\"error\":\"Service Unavailable\"}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void answers503AsAProblemElsewhere(String what, Exception failure) {
        var response = mvc(failure).get().uri("/admin/v1/boom").exchange();

        assertThat(response).hasStatus(503).hasContentType("application/problem+json");
        assertThat(response).bodyJson().isStrictlyEqualTo("""
                {"title":"Service Unavailable","status":503,
                 "detail":"The database is unavailable","instance":"/admin/v1/boom"}
                """);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresThatAreNotOutages")
    void keepsOtherDatabaseErrorsAt500(String what, Exception failure) {
        var response = mvc(failure).get().uri("/public/v1/boom").exchange();

        assertThat(response).hasStatus(500);
        assertThat(response)
                .bodyJson()
                .isStrictlyEqualTo(
                        "{\"statusCode\":500,\"message\":\"Internal server error\",\"error\":\"Internal Server Error\"}");
    }

    static Stream<Arguments> failuresThatAreNotOutages() {
        return Stream.of(
                Arguments.of(
                        "a unique violation",
                        new DataIntegrityViolationException(
                                "duplicate key", new SQLException("duplicate key value", "23505"))),
                Arguments.of(
                        "a syntax error",
                        new JpaSystemException(new RuntimeException(new SQLException("x", "42601")))));
    }

    private static MockMvcTester mvc(Exception failure) {
        return MockMvcTester.of(
                List.of(new Failing(failure)),
                builder -> builder.setControllerAdvice(new HeraldExceptionHandler())
                        .build());
    }

    @RestController
    static class Failing {

        private final Exception failure;

        Failing(Exception failure) {
            this.failure = failure;
        }

        @GetMapping({"/public/v1/boom", "/admin/v1/boom"})
        String boom() throws Exception {
            throw failure;
        }
    }
}
