package io.herald.organizations;

import java.util.UUID;

/**
 * The API key that authenticated the current /public/v1 request (its name may be null), found in
 * the request attribute {@link #ATTRIBUTE} once the key check has passed. The audit trail names it
 * as the actor of what the request changed.
 */
public record CallerKey(UUID id, String name, UUID organizationId) {

    public static final String ATTRIBUTE = CallerKey.class.getName();
}
