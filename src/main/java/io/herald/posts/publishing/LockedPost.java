package io.herald.posts.publishing;

import java.time.Instant;
import java.util.UUID;

/** A live post of a group locked for a change, as far as creating, editing and deleting need to know it. */
public record LockedPost(
        UUID id, UUID groupId, PostState state, UUID integrationId, int threadIndex, Instant publishDate) {}
