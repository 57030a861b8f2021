package io.herald.organizations;

import java.util.UUID;

/** An organization, or something addressed inside one, that does not exist. */
public class OrganizationNotFoundException extends RuntimeException {

    private OrganizationNotFoundException(String message) {
        super(message);
    }

    public static OrganizationNotFoundException forId(String id) {
        return new OrganizationNotFoundException("Organization " + id + " not found");
    }

    static OrganizationNotFoundException forApiKey(UUID organizationId, String keyId) {
        return new OrganizationNotFoundException("API key " + keyId + " not found in organization " + organizationId);
    }

    public static OrganizationNotFoundException forCustomer(UUID organizationId, String customerId) {
        return new OrganizationNotFoundException(
                "Customer " + customerId + " not found in organization " + organizationId);
    }
}
