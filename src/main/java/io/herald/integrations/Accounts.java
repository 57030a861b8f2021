package io.herald.integrations;

import io.herald.kernel.Ids;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The connected account behind an organization's integration, for the calls Herald makes on it
 * besides publishing (tools, recent posts, statistics): the integration and its current
 * configuration, tokens refreshed when they are due. Read in short transactions of their own, so
 * the platform is called outside any.
 */
@Component
class Accounts {

    private final IntegrationRepository integrations;

    private final TokenRefresher tokens;

    Accounts(IntegrationRepository integrations, TokenRefresher tokens) {
        this.integrations = integrations;
        this.tokens = tokens;
    }

    /** The organization's live integration; another organization's, a deleted or a malformed one is not found. */
    Integration live(UUID organizationId, String integrationId) {
        return Ids.parse(integrationId)
                .flatMap(integrations::findLive)
                .filter(integration -> integration.organizationId().equals(organizationId))
                .orElseThrow(() -> IntegrationNotFoundException.forId(integrationId));
    }

    /** The live integration by id, whoever owns it; the caller has checked the owner already. */
    Integration live(UUID integrationId) {
        return integrations
                .findLive(integrationId)
                .orElseThrow(() -> IntegrationNotFoundException.forId(integrationId.toString()));
    }

    /** The configuration to call the integration's platform with, its secrets open. */
    JsonNode config(Integration integration) {
        return tokens.current(integration).config();
    }
}
