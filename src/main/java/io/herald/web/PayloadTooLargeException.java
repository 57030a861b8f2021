package io.herald.web;

import java.io.IOException;

/** A request body longer than the configured limit; raised while the body is being read. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("Request body exceeds " + limit + " bytes");
    }
}
