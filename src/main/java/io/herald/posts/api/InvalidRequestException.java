package io.herald.posts.api;

import java.util.List;

/**
 * A request the public API refuses with 400 before anything is looked up. {@code message} is a
 * string or, for field validation, the list of class-validator style messages Postiz gives.
 */
class InvalidRequestException extends RuntimeException {

    private final Object body;

    private InvalidRequestException(String summary, Object body) {
        super(summary);
        this.body = body;
    }

    static InvalidRequestException message(String message) {
        return new InvalidRequestException(message, message);
    }

    static InvalidRequestException fields(List<String> messages) {
        return new InvalidRequestException(String.join("; ", messages), List.copyOf(messages));
    }

    Object body() {
        return body;
    }
}
