package io.herald.organizations;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    @Query("select k.organizationId from ApiKey k where k.keyHash = :keyHash and k.revokedAt is null")
    Optional<UUID> findOrganizationOfLiveKey(byte[] keyHash);

    Optional<ApiKey> findByIdAndOrganizationId(UUID id, UUID organizationId);
}
