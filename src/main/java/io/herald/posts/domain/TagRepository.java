package io.herald.posts.domain;

import io.herald.kernel.Ids;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** The organization's tags of these labels, created where missing. */
    default Set<Tag> labelled(UUID organizationId, List<String> labels, Instant now) {
        if (labels.isEmpty()) {
            return Set.of();
        }
        var names = new HashSet<>(labels);
        for (var name : names) {
            createIfAbsent(Ids.next(), organizationId, name, Tag.DEFAULT_COLOR, now);
        }
        return new HashSet<>(findByOrganizationIdAndNameIn(organizationId, names));
    }

    /** Removes every tag of the posts (an edit gives its roots the request's tags). */
    @Modifying
    @Query(value = "delete from post_tags where post_id in (:posts)", nativeQuery = true)
    void untag(Collection<UUID> posts);

    @Modifying
    @Query(value = "insert into post_tags (post_id, tag_id) values (:post, :tag)", nativeQuery = true)
    void tag(UUID post, UUID tag);
}
