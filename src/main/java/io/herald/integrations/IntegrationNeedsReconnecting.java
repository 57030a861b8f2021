package io.herald.integrations;

import java.util.UUID;

/**
 * Published, inside the transaction that records it, when a platform refuses to refresh an
 * integration's tokens: until its account is connected again its due posts fail, saying so.
 */
public record IntegrationNeedsReconnecting(UUID organizationId, UUID integrationId, String provider, String reason) {}
