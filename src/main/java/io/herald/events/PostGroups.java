package io.herald.events;

import java.util.Optional;
import java.util.UUID;

/**
 * What the history needs from the posts module (which implements it, so events never depend on
 * posts): the group and organization of a post, deleted or not.
 */
public interface PostGroups {

    Optional<Owner> groupOf(UUID post);

    record Owner(UUID group, UUID organization) {}
}
