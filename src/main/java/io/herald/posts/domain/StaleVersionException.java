package io.herald.posts.domain;

import java.util.UUID;

/** A change refused because its {@code If-Match} names a version of the group that is no longer current. */
public class StaleVersionException extends RuntimeException {

    public StaleVersionException(UUID group, long expected, long current) {
        super("Group " + group + " is at version " + current + ", the request expected " + expected);
    }
}
