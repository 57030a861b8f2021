package io.herald.posts.domain;

import java.util.List;
import java.util.UUID;

/**
 * What a delete of a group would do now (a dry run): the posts it would delete, the published ones it
 * would keep, and those being published right now, which make the real delete answer 409 while
 * there are any; and the group's version it saw, which a client sends back as {@code If-Match} to
 * delete exactly what it previewed.
 */
public record DeletionPreview(UUID group, List<UUID> deleted, List<UUID> kept, List<UUID> blocked, long version) {}
