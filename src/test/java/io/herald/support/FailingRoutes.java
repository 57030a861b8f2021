package io.herald.support;

import io.swagger.v3.oas.annotations.Hidden;
import java.sql.SQLException;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routes that fail the way real code can, to pin what such failures answer: an unexpected
 * exception whose message carries SQL and a class name, and a database that cannot be reached.
 */
@TestComponent
@RestController
@Hidden // not part of Herald's API documents, which the fuzz test sends requests from
public class FailingRoutes {

    public static final String SECRET_DETAIL = "select secret from io.herald.Internal where password = 'hunter2'";

    @GetMapping({"/public/v1/test-failures/unexpected", "/admin/v1/test-failures/unexpected"})
    String unexpected() {
        throw new DataIntegrityViolationException(SECRET_DETAIL, new SQLException(SECRET_DETAIL));
    }

    /** What PostgreSQL answers a NUL in a text column; Herald's own checks should have refused it first. */
    @GetMapping({"/public/v1/test-failures/refused-value", "/admin/v1/test-failures/refused-value"})
    String refusedValue() {
        throw new DataIntegrityViolationException(
                SECRET_DETAIL, new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
    }

    @GetMapping({"/public/v1/test-failures/database", "/admin/v1/test-failures/database"})
    String database() {
        throw new CannotCreateTransactionException(
                "Could not open JPA EntityManager for transaction", new SQLException(SECRET_DETAIL));
    }
}
