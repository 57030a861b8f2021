package io.herald.integrations;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface IntegrationRepository extends JpaRepository<Integration, UUID> {

    @Query("select i from Integration i where i.id = :id and i.deletedAt is null")
    Optional<Integration> findLive(UUID id);

    @Query(
            "select i from Integration i where i.organizationId = :organizationId and i.id in :ids and i.deletedAt is null")
    List<Integration> findLive(UUID organizationId, Collection<UUID> ids);

    @Query(
            "select i from Integration i where i.organizationId = :organizationId and i.deletedAt is null order by i.createdAt, i.id")
    List<Integration> findLiveOfOrganization(UUID organizationId);
}
