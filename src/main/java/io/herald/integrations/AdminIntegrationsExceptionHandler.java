package io.herald.integrations;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice(assignableTypes = AdminIntegrationsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminIntegrationsExceptionHandler {

    private final Integrations integrations;

    private final Connections connections;

    AdminIntegrationsExceptionHandler(Integrations integrations, Connections connections) {
        this.integrations = integrations;
        this.connections = connections;
    }

    @ExceptionHandler(ConnectionException.class)
    ProblemDetail cannotConnect(ConnectionException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        if (e.reason() != ConnectionException.Reason.UNKNOWN_CUSTOMER) {
            problem.setProperty("oauthProviders", connections.oauthProviders());
        }
        return problem;
    }

    @ExceptionHandler(IntegrationNotFoundException.class)
    ProblemDetail notFound(IntegrationNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(InvalidIntegrationException.class)
    ProblemDetail invalid(InvalidIntegrationException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setProperty("errors", e.errors());
        problem.setProperty("supportedProviders", integrations.supportedProviders());
        return problem;
    }
}
