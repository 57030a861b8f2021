package io.herald.integrations;

import io.herald.organizations.CustomerRef;
import java.util.List;
import java.util.UUID;

/**
 * An integration as the other modules see it. The provider configuration (URLs, tokens) is not
 * part of it: only publishers read that.
 *
 * @param refreshNeeded the platform refused to refresh its tokens: it must be connected again
 */
public record Channel(
        UUID id,
        UUID organizationId,
        String name,
        String identifier,
        String picture,
        String profile,
        boolean disabled,
        boolean refreshNeeded,
        CustomerRef customer,
        List<Integer> postingTimes,
        ContentLimits limits) {}
