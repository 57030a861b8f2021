package io.herald.posts.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code PATCH /posts/{id}}: each field null when the request leaves it as it is.
 * {@code date} moves the whole group; content, images and delay change the post; settings are
 * merged into its integration's thread. {@code expected} is what the request's If-Match asks of the group's version.
 */
public record PostChange(
        Instant date,
        String content,
        List<PostImage> images,
        Double delayMinutes,
        ObjectNode settings,
        ExpectedVersion expected) {

    /** The names of the fields the change sets, in the API's words. */
    public List<String> fields() {
        var fields = new ArrayList<String>();
        if (date != null) {
            fields.add("date");
        }
        if (content != null) {
            fields.add("content");
        }
        if (images != null) {
            fields.add("image");
        }
        if (delayMinutes != null) {
            fields.add("delay");
        }
        if (settings != null) {
            fields.add("settings");
        }
        return fields;
    }
}
