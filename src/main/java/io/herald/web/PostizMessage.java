package io.herald.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The bare {@code {"msg"}} body some Postiz routes answer with instead of the Nest-style error
 * (e.g. upload's {@code No file provided}, find-slot's {@code Integration not found}).
 */
public record PostizMessage(String msg) {

    public static ResponseEntity<PostizMessage> response(HttpStatus status, String msg) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new PostizMessage(msg));
    }
}
