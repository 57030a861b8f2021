package io.herald.posts.domain;

import java.util.List;
import java.util.UUID;

/** What a delete did to a group: the posts it deleted, and the published ones it kept. */
public record GroupDeletion(UUID group, List<UUID> deleted, List<UUID> kept) {}
