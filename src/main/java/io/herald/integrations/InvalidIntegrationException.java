package io.herald.integrations;

import java.util.List;

/** An admin request that describes an integration Herald cannot use. */
class InvalidIntegrationException extends RuntimeException {

    private final List<String> errors;

    InvalidIntegrationException(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    List<String> errors() {
        return errors;
    }
}
