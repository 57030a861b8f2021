package io.herald.posts.domain;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface PostRepository extends JpaRepository<Post, UUID> {

    /** The live posts of the post's group, locked until the transaction ends, in id order. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Post p where p.groupId = (select q.groupId from Post q where q.id = :id)"
            + " and p.deletedAt is null order by p.id")
    List<Post> lockLiveGroupOf(UUID id);

    /** The groups with live posts of the integration, in id order (the order every locker of several groups uses). */
    @Query("select distinct p.groupId from Post p where p.integrationId = :integrationId and p.deletedAt is null"
            + " order by p.groupId")
    List<UUID> findLiveGroupsOfIntegration(UUID integrationId);

    /**
     * The group's live posts, locked until the transaction ends, in id order (every locker uses the
     * same order, so two of them never deadlock). A publisher's claim waits for the lock and then
     * sees the outcome.
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
    @Query("select p from Post p where (p.rootPostId = :root or p.id = :root) and p.threadIndex > :threadIndex"
            + " and p.deletedAt is null order by p.id")
    List<Post> lockFollowers(UUID root, int threadIndex);

    /** Posts held by a publisher that is not one of {@code live}. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Post p where p.state = io.herald.posts.domain.PostState.PUBLISHING"
            + " and p.publishingNode not in :live order by p.id")
    List<Post> lockPublishingNotOn(Collection<String> live);

    /** The queued item that follows {@code parent} in its thread, locked. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Post p where p.parentPostId = :parent and p.deletedAt is null"
            + " and p.state = io.herald.posts.domain.PostState.QUEUE")
    Optional<Post> lockQueuedChild(UUID parent);

    /** Whether the group still has a queued post. */
    @Query("select count(p) > 0 from Post p where p.groupId = :group and p.deletedAt is null"
            + " and p.state = io.herald.posts.domain.PostState.QUEUE")
    boolean hasQueued(UUID group);
}
