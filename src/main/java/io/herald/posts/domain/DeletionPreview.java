package io.herald.posts.domain;

import java.util.List;
import java.util.UUID;

/**
 * What a delete of a group would do now (a dry run): the posts it would delete, the published ones it
 * would keep, and those being published right now, which make the real delete answer 409 while
 * there are any.
 */
public record DeletionPreview(UUID group, List<UUID> deleted, List<UUID> kept, List<UUID> blocked) {}
