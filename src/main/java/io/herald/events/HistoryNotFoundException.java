package io.herald.events;

/** A history asked of a post that is not the caller's: unknown (404) or another organization's (403). */
class HistoryNotFoundException extends RuntimeException {

    private final boolean denied;

    private HistoryNotFoundException(String message, boolean denied) {
        super(message);
        this.denied = denied;
    }

    static HistoryNotFoundException missing(String post) {
        return new HistoryNotFoundException("No post " + post, false);
    }

    static HistoryNotFoundException denied(String post) {
        return new HistoryNotFoundException("Post " + post + " is another organization's", true);
    }

    boolean denied() {
        return denied;
    }
}
