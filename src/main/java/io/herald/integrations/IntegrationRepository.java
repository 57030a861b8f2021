package io.herald.integrations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface IntegrationRepository extends JpaRepository<Integration, UUID> {

    @Query("select i from Integration i where i.id = :id and i.deletedAt is null")
    Optional<Integration> findLive(UUID id);

    @Query(
            "select i from Integration i where i.organizationId = :organizationId and i.deletedAt is null order by i.createdAt, i.id")
    List<Integration> findLiveOfOrganization(UUID organizationId);

    /**
     * The live integration, locked against other refreshers until the transaction ends. {@code no key
     * update}: posts being created for it (which take a key share lock through their foreign key)
     * are not held up.
     */
    @Query(
            value = "select * from integrations where id = :id and deleted_at is null for no key update",
            nativeQuery = true)
    Optional<Integration> lockForTokens(UUID id);

    @Query("select i from Integration i where i.organizationId = :organizationId and i.identifier = :identifier"
            + " and i.accountId = :accountId and i.deletedAt is null")
    Optional<Integration> findLiveAccount(UUID organizationId, String identifier, String accountId);

    @Query("select i from Integration i where i.secrets is null")
    List<Integration> findWithoutSealedSecrets();
}
