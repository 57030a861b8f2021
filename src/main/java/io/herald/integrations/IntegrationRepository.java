package io.herald.integrations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface IntegrationRepository extends JpaRepository<Integration, UUID> {

    @Query("select i from Integration i where i.id = :id and i.deletedAt is null")
    Optional<Integration> findLive(UUID id);

    /**
     * The ids come as one array parameter: Hibernate translates a query with a list parameter
     * again for every call (its SQL depends on the list's length), which cost a create a quarter of its time.
     */
    @Query("select i from Integration i where i.organizationId = :organizationId and array_contains(:ids, i.id)"
            + " and i.deletedAt is null")
    List<Integration> findLive(UUID organizationId, UUID[] ids);

    @Query(
            "select i from Integration i where i.organizationId = :organizationId and i.deletedAt is null order by i.createdAt, i.id")
    List<Integration> findLiveOfOrganization(UUID organizationId);
}
