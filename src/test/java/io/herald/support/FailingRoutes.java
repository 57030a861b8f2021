package io.herald.support;

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
public class FailingRoutes {

    public static final String SECRET_DETAIL = "select secret from io.herald.Internal where password = 'hunter2'";

    @GetMapping({"/public/v1/test-failures/unexpected", "/admin/v1/test-failures/unexpected"})
    String unexpected() {
        throw new DataIntegrityViolationException(SECRET_DETAIL, new SQLException(SECRET_DETAIL));
    }

    @GetMapping({"/public/v1/test-failures/database", "/admin/v1/test-failures/database"})
    String database() {
        throw new CannotCreateTransactionException(
                "Could not open JPA EntityManager for transaction", new SQLException(SECRET_DETAIL));
    }
}
