package io.herald.posts.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface TagRepository extends JpaRepository<Tag, UUID> {

    List<Tag> findByOrganizationIdAndNameIn(UUID organizationId, Collection<String> names);

    /** Creates the tag unless the organization has it already, also when another request creates it now. */
    @Modifying
    @Query(value = """
                    insert into tags (id, organization_id, name, color, created_at)
                    values (:id, :organizationId, :name, :color, :now)
                    on conflict (organization_id, name) do nothing
                    """, nativeQuery = true)
    void createIfAbsent(UUID id, UUID organizationId, String name, String color, Instant now);
}
