package io.herald.posts.domain;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Inserts posts and reads them. It locks and changes none: that is the lifecycle's
 * ({@code io.herald.posts.publishing.GroupLifecycle}).
 */
interface PostRepository extends JpaRepository<Post, UUID> {

    boolean existsByIdAndDeletedAtIsNull(UUID id);

    boolean existsByGroupIdAndDeletedAtIsNull(UUID groupId);
}
