package io.herald.events;

/** A webhook that is not the caller's: unknown (404) or another organization's (403). */
class WebhookNotFoundException extends RuntimeException {

    private final boolean denied;

    private WebhookNotFoundException(String message, boolean denied) {
        super(message);
        this.denied = denied;
    }

    static WebhookNotFoundException missing(String id) {
        return new WebhookNotFoundException("No webhook " + id, false);
    }

    static WebhookNotFoundException denied(String id) {
        return new WebhookNotFoundException("Webhook " + id + " is another organization's", true);
    }

    boolean denied() {
        return denied;
    }
}
