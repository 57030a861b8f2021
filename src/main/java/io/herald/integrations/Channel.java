package io.herald.integrations;

import io.herald.organizations.CustomerRef;
import java.util.List;
import java.util.UUID;

/**
 * An integration as the other modules see it. The provider configuration (URLs, tokens) is not
 * part of it: only publishers read that.
 */
public record Channel(
        UUID id,
        UUID organizationId,
        String name,
        String identifier,
        String picture,
        String profile,
        boolean disabled,
        CustomerRef customer,
        List<Integer> postingTimes,
        ContentLimits limits) {}
