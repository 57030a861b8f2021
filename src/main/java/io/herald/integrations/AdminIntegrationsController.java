package io.herald.integrations;

import io.herald.organizations.Organizations;
import io.herald.web.Storable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Herald's admin API for integrations (connected channels). */
@RestController
@RequestMapping("/admin/v1")
class AdminIntegrationsController {

    private static final int MAX_URL = 2048;

    private final Integrations integrations;

    private final Organizations organizations;

    private final Connections connections;

    AdminIntegrationsController(Integrations integrations, Organizations organizations, Connections connections) {
        this.integrations = integrations;
        this.organizations = organizations;
        this.connections = connections;
    }

    /**
     * Starts connecting an account through its platform's authorization: the URL to open in the
     * browser of someone who may use the account. The platform then sends that browser to Herald's
     * callback, which creates the integration (or refreshes the one of the same account).
     */
    @PostMapping("/organizations/{organizationId}/integrations/connect")
    AuthorizationUrl connect(@PathVariable String organizationId, @Valid @RequestBody ConnectRequest request) {
        var organization = organizations.require(organizationId);
        return new AuthorizationUrl(connections
                .start(organization, request.provider(), request.customerId())
                .toString());
    }

    @PostMapping("/organizations/{organizationId}/integrations")
    @ResponseStatus(HttpStatus.CREATED)
    IntegrationView create(@PathVariable String organizationId, @Valid @RequestBody CreateRequest request) {
        var organization = organizations.require(organizationId);
        var channel = integrations.create(
                organization,
                new Integrations.IntegrationDraft(
                        request.name().trim(),
                        request.identifier(),
                        request.picture(),
                        request.profile(),
                        request.customerId(),
                        request.postingTimes(),
                        request.config()));
        return IntegrationView.of(channel);
    }

    @PatchMapping("/integrations/{integrationId}")
    IntegrationView update(@PathVariable String integrationId, @Valid @RequestBody UpdateRequest request) {
        return IntegrationView.of(integrations.update(
                integrationId,
                new Integrations.IntegrationChanges(
                        request.name(),
                        request.disabled(),
                        request.config(),
                        request.picture(),
                        request.profile(),
                        request.postingTimes())));
    }

    @DeleteMapping("/integrations/{integrationId}")
    Deleted delete(@PathVariable String integrationId) {
        return new Deleted(integrations.delete(integrationId), true);
    }

    // Strings are stored: bounded, and only text the database can hold (the config too, as jsonb).
    record CreateRequest(
            @NotBlank @Size(max = 200) @Storable String name,
            @NotBlank @Size(max = 64) String identifier,
            @Size(max = MAX_URL) @Storable String picture,
            @Size(max = 200) @Storable String profile,
            String customerId,
            @Size(max = 24 * 60) List<Integer> postingTimes,
            @Storable JsonNode config) {}

    record UpdateRequest(
            @Size(max = 200) @Storable String name,
            Boolean disabled,
            @Storable JsonNode config,
            @Size(max = MAX_URL) @Storable String picture,
            @Size(max = 200) @Storable String profile,
            @Size(max = 24 * 60) List<Integer> postingTimes) {}

    record Deleted(UUID id, boolean deleted) {}

    record ConnectRequest(@NotBlank String provider, String customerId) {}

    record AuthorizationUrl(String url) {}
}
