package io.herald.posts.domain;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface PostRepository extends JpaRepository<Post, UUID> {

    /**
     * The live posts of the post's group if the organization owns it, locked until the transaction
     * ends, in id order (every locker uses that order, so two of them never deadlock).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Post p where p.groupId = (select q.groupId from Post q where q.id = :id)"
            + " and p.organizationId = :organizationId and p.deletedAt is null order by p.id")
    List<Post> lockLiveGroupOf(UUID id, UUID organizationId);

    boolean existsByIdAndDeletedAtIsNull(UUID id);

    boolean existsByGroupIdAndDeletedAtIsNull(UUID groupId);

    /** The groups with live posts of the integration, in id order (the order every locker of several groups uses). */
    @Query("select distinct p.groupId from Post p where p.integrationId = :integrationId and p.deletedAt is null"
            + " order by p.groupId")
    List<UUID> findLiveGroupsOfIntegration(UUID integrationId);

    /**
     * The group's live posts, locked until the transaction ends, in id order (every locker uses the
     * same order, so two of them never deadlock). A publisher's claim skips locked rows, and finds
     * them deleted afterwards, or holds them first, and then this sees PUBLISHING.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Post p where p.groupId = :groupId and p.deletedAt is null order by p.id")
    List<Post> lockLiveGroup(UUID groupId);

    /** The post, locked until the transaction ends; a delete of its group waits, or is waited for. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Post p where p.id = :id")
    Optional<Post> lock(UUID id);

    /** The thread's items after {@code threadIndex}, locked: they fail with their predecessor. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Post p where p.rootPostId = :root and p.threadIndex > :threadIndex"
            + " and p.deletedAt is null order by p.id")
    List<Post> lockFollowers(UUID root, int threadIndex);

    /** Posts held by a publisher that is not one of {@code live}, or since before {@code stuckBefore}. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Post p where p.state = io.herald.posts.domain.PostState.PUBLISHING"
            + " and (p.publishingNode not in :live or p.publishingSince < :stuckBefore) order by p.id")
    List<Post> lockAbandoned(Collection<String> live, Instant stuckBefore);
}
