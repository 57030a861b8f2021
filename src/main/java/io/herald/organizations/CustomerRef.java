package io.herald.organizations;

import java.util.UUID;

/** A customer as other modules and the public API see it. */
public record CustomerRef(UUID id, String name) {}
