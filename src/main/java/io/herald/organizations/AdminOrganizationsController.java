package io.herald.organizations;

import io.herald.web.Storable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Herald's admin API for tenants: organizations, their API keys and customers. */
@RestController
@RequestMapping("/admin/v1/organizations")
class AdminOrganizationsController {

    private final Organizations organizations;

    AdminOrganizationsController(Organizations organizations) {
        this.organizations = organizations;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    OrganizationCreated create(@Valid @RequestBody NameRequest request) {
        var created = organizations.create(request.name().trim());
        return new OrganizationCreated(created.id(), created.name(), created.apiKey());
    }

    @PostMapping("/{organizationId}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    KeyCreated createKey(
            @PathVariable String organizationId, @Valid @RequestBody(required = false) KeyRequest request) {
        var created = organizations.createKey(organizationId, request == null ? null : request.name());
        return new KeyCreated(created.id(), created.plainKey());
    }

    @DeleteMapping("/{organizationId}/api-keys/{keyId}")
    KeyRevoked revokeKey(@PathVariable String organizationId, @PathVariable String keyId) {
        return new KeyRevoked(organizations.revokeKey(organizationId, keyId), true);
    }

    @PostMapping("/{organizationId}/customers")
    @ResponseStatus(HttpStatus.CREATED)
    CustomerRef createCustomer(@PathVariable String organizationId, @Valid @RequestBody NameRequest request) {
        return organizations.createCustomer(organizationId, request.name().trim());
    }

    record NameRequest(@NotBlank @Size(max = 200) @Storable String name) {}

    record KeyRequest(@Size(max = 200) @Storable String name) {}

    record OrganizationCreated(UUID id, String name, String apiKey) {}

    record KeyCreated(UUID id, String apiKey) {}

    record KeyRevoked(UUID id, boolean revoked) {}
}
