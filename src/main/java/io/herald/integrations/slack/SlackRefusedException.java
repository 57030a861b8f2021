package io.herald.integrations.slack;

import io.herald.integrations.PlatformException;

/**
 * Slack answered {@code "ok": false} (with HTTP 200, as its Web API does): the method did nothing.
 * {@code error} is Slack's code for why ({@code channel_not_found}, {@code not_in_channel}, ...).
 */
class SlackRefusedException extends PlatformException {

    private final String error;

    SlackRefusedException(String message, String error) {
        super(message);
        this.error = error;
    }

    String error() {
        return error;
    }
}
