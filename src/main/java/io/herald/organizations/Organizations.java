package io.herald.organizations;

import io.herald.kernel.AfterCommit;
import io.herald.kernel.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organizations, their API keys and customers. The module's API for the others. */
@Service
public class Organizations {

    private final OrganizationRepository organizations;

    private final ApiKeyRepository keys;

    private final CustomerRepository customers;

    private final JdbcClient jdbc;

    private final LiveKeys liveKeys;

    private final Clock clock;

    Organizations(
            OrganizationRepository organizations,
            ApiKeyRepository keys,
            CustomerRepository customers,
            JdbcClient jdbc,
            LiveKeys liveKeys,
            Clock clock) {
        this.organizations = organizations;
        this.keys = keys;
        this.customers = customers;
        this.jdbc = jdbc;
        this.liveKeys = liveKeys;
        this.clock = clock;
    }

    /**
     * The live key and the organization it belongs to; empty for an unknown or revoked key. Every public
     * request asks: it is answered from this node's memory of live keys ({@link LiveKeys}) or by one
     * statement without a transaction around it.
     */
    public Optional<CallerKey> authenticate(String apiKey) {
        var hash = ApiKeys.hash(apiKey);
        return liveKeys.find(
                hash,
                () -> jdbc.sql(
                                "select id, name, organization_id from api_keys where key_hash = :hash and revoked_at is null")
                        .param("hash", hash)
                        .query((rs, row) -> new CallerKey(
                                rs.getObject("id", UUID.class),
                                rs.getString("name"),
                                rs.getObject("organization_id", UUID.class)))
                        .optional());
    }

    /** The organization, or {@link OrganizationNotFoundException} for an unknown or malformed id. */
    @Transactional(readOnly = true)
    public UUID require(String organizationId) {
        return Ids.parse(organizationId)
                .filter(organizations::existsById)
                .orElseThrow(() -> OrganizationNotFoundException.forId(organizationId));
    }

    /** The organization's customer, or {@link OrganizationNotFoundException}. */
    @Transactional(readOnly = true)
    public CustomerRef requireCustomer(UUID organizationId, String customerId) {
        return Ids.parse(customerId)
                .flatMap(id -> customers.findByIdAndOrganizationId(id, organizationId))
                .map(Customer::toRef)
                .orElseThrow(() -> OrganizationNotFoundException.forCustomer(organizationId, customerId));
    }

    @Transactional(readOnly = true)
    public List<CustomerRef> customers(UUID organizationId) {
        return customers.findByOrganizationIdOrderByName(organizationId).stream()
                .map(Customer::toRef)
                .toList();
    }

    @Transactional
    CreatedOrganization create(String name) {
        var organization = organizations.save(new Organization(name, clock.instant()));
        var key = createKey(organization.id(), "default");
        return new CreatedOrganization(organization.id(), organization.name(), key.plainKey());
    }

    @Transactional
    CreatedKey createKey(String organizationId, String name) {
        return createKey(require(organizationId), name);
    }

    private CreatedKey createKey(UUID organizationId, String name) {
        var plain = ApiKeys.generate();
        var key = keys.save(new ApiKey(organizationId, name, ApiKeys.hash(plain), clock.instant()));
        return new CreatedKey(key.id(), plain);
    }

    @Transactional
    UUID revokeKey(String organizationId, String keyId) {
        var organization = require(organizationId);
        var key = Ids.parse(keyId)
                .flatMap(id -> keys.findByIdAndOrganizationId(id, organization))
                .orElseThrow(() -> OrganizationNotFoundException.forApiKey(organization, keyId));
        key.revoke(clock.instant());
        AfterCommit.run(liveKeys::forget);
        return key.id();
    }

    @Transactional
    CustomerRef createCustomer(String organizationId, String name) {
        return customers
                .save(new Customer(require(organizationId), name, clock.instant()))
                .toRef();
    }

    record CreatedOrganization(UUID id, String name, String apiKey) {}

    record CreatedKey(UUID id, String plainKey) {}
}
