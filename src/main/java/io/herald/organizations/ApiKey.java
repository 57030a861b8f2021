package io.herald.organizations;

import io.herald.kernel.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An organization's API key, stored as the SHA-256 of the key; the key itself is never stored. */
@Entity
@Table(name = "api_keys")
class ApiKey {

    @Id
    private UUID id;

    private UUID organizationId;

    private String name;

    private byte[] keyHash;

    private Instant createdAt;

    private Instant revokedAt;

    protected ApiKey() {}

    ApiKey(UUID organizationId, String name, byte[] keyHash, Instant now) {
        this.id = Ids.next();
        this.organizationId = organizationId;
        this.name = name;
        this.keyHash = keyHash;
        this.createdAt = now;
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }
}
