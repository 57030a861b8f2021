package io.herald.events;

import java.util.List;

/** A query of the events routes that is refused with 400 and class-validator style messages. */
class InvalidEventRequestException extends RuntimeException {

    private final List<String> messages;

    InvalidEventRequestException(List<String> messages) {
        super(String.join("; ", messages));
        this.messages = List.copyOf(messages);
    }

    List<String> messages() {
        return messages;
    }
}
