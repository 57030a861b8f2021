package io.herald.posts.domain;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code PATCH /posts/{id}}: each field null when the request leaves it as it is.
 * {@code date} moves the whole group; content, images and delay change the post; settings are
 * merged into its integration's thread. {@code expectedVersion} is the If-Match version (null: none).
 */
public record PostChange(
        Instant date,
        String content,
        List<PostImage> images,
        Double delayMinutes,
        ObjectNode settings,
        Long expectedVersion) {}
