package io.herald.posts.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Postiz's republish guard: an edit that would queue a published post again, without {@code republish}. */
public class AlreadyPublishedException extends RuntimeException {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    AlreadyPublishedException(Instant publishDate) {
        super("This post was already published on " + DATE.format(publishDate)
                + " UTC. To publish it again as a new post, send \"republish\": true");
    }
}
