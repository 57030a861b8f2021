package io.herald.integrations;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;

/**
 * A platform answered with an error status (and, where the call could be repeated, kept answering
 * it): a 4xx says the post did not go out through this call; a server error leaves it unknown. Publishers that know their platform's error
 * bodies, rate-limit headers or expired-token answer read them here.
 */
public class PlatformRefusedException extends PlatformException {

    private final int status;

    private final HttpHeaders headers;

    private final String body;

    PlatformRefusedException(String message, HttpResponse<?> response, boolean outcomeUnknown) {
        super(message, outcomeUnknown);
        this.status = response.statusCode();
        this.headers = response.headers();
        // only a platform's own (text) answer is kept; an image host's bytes never are
        this.body = response.body() instanceof String text ? text : null;
    }

    private PlatformRefusedException(String message, PlatformRefusedException answer) {
        super(message, answer.outcomeUnknown());
        this.status = answer.status;
        this.headers = answer.headers;
        this.body = answer.body;
    }

    /** The same answer, told in the publisher's words (a platform's own error body read properly). */
    public PlatformRefusedException reworded(String message) {
        return new PlatformRefusedException(message, this);
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The answer's body, or null when there was none (or it was not text). */
    public String body() {
        return body;
    }
}
