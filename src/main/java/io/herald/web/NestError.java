package io.herald.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The error body NestJS writes and Postiz clients print: {@code {"statusCode","message","error"}}.
 * {@code message} is a string, or a list of strings for validation errors.
 */
public record NestError(int statusCode, Object message, String error) {

    public static NestError of(HttpStatus status, Object message) {
        return new NestError(status.value(), message, reason(status));
    }

    /**
     * Nest's reason phrase. 413 is "Payload Too Large" there, whichever of Spring's two constants for
     * it a caller holds ({@link HttpStatus#resolve} answers the newer "Content Too Large" one).
     */
    static String reason(HttpStatus status) {
        return status.value() == 413 ? "Payload Too Large" : status.getReasonPhrase();
    }

    public static ResponseEntity<NestError> response(HttpStatus status, Object message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(of(status, message));
    }
}
