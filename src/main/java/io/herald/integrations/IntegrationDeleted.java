package io.herald.integrations;

import java.util.UUID;

/**
 * Published, synchronously and inside the deleting transaction, when an integration is deleted:
 * its unpublished posts go with it, or the deletion fails.
 */
public record IntegrationDeleted(UUID organizationId, UUID integrationId) {}
