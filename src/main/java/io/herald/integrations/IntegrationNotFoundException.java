package io.herald.integrations;

class IntegrationNotFoundException extends RuntimeException {

    private IntegrationNotFoundException(String message) {
        super(message);
    }

    static IntegrationNotFoundException forId(String id) {
        return new IntegrationNotFoundException("Integration " + id + " not found");
    }
}
