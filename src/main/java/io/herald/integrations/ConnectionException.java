package io.herald.integrations;

/** A connection that cannot start: the provider is not one Herald connects, or not set up here. */
class ConnectionException extends RuntimeException {

    enum Reason {
        /** No such provider, or one whose accounts are not connected through OAuth (webhook, ...). */
        NOT_OAUTH,
        /** The server has no client id and secret for the platform. */
        NOT_CONFIGURED,
        /** The customer is not the organization's. */
        UNKNOWN_CUSTOMER
    }

    private final Reason reason;

    ConnectionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
