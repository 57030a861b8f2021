package io.herald.posts.domain;

import io.herald.kernel.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/**
 * One piece of content for one integration: a thread's root or one of its items. Its state only
 * moves through the methods below, each of which refuses a transition the lifecycle does not have.
 */
@Entity
@Table(name = "posts")
@DynamicUpdate
class Post implements Persistable<UUID> {

    @Id
    private UUID id;

    private UUID organizationId;

    private UUID groupId;

    private UUID integrationId;

    private UUID parentPostId;

    private UUID rootPostId;

    private int threadIndex;

    private String content;

    @JdbcTypeCode(SqlTypes.JSON)
    private String image;

    @JdbcTypeCode(SqlTypes.JSON)
    private String settings;

    private Instant publishDate;

    private double delayMinutes;

    private Instant dueAt;

    private String cluster;

    @Enumerated(EnumType.STRING)
    private PostState state;

    private String error;

    private String releaseId;

    private String releaseUrl;

    @JdbcTypeCode(SqlTypes.JSON)
    private String releaseMeta;

    private String creationMethod;

    private String publishingNode;

    private Instant publishingSince;

    private Instant publishedAt;

    private Instant createdAt;

    private Instant updatedAt;

    private Instant deletedAt;

    @ManyToMany
    @JoinTable(
            name = "post_tags",
            joinColumns = @JoinColumn(name = "post_id"),
            inverseJoinColumns = @JoinColumn(name = "tag_id"))
    private Set<Tag> tags = new HashSet<>();

    @Transient
    private boolean isNew;

    protected Post() {}

    private Post(
            UUID organizationId,
            UUID groupId,
            UUID integrationId,
            Post parent,
            PostValue value,
            String imageJson,
            String settingsJson,
            Instant publishDate,
            PostState state,
            String cluster,
            String creationMethod,
            Instant now) {
        this.id = Ids.next();
        this.organizationId = organizationId;
        this.groupId = groupId;
        this.integrationId = integrationId;
        this.parentPostId = parent == null ? null : parent.id;
        this.rootPostId = parent == null ? null : parent.rootId();
        this.threadIndex = parent == null ? 0 : parent.threadIndex + 1;
        this.content = value.html();
        this.image = imageJson;
        this.settings = settingsJson;
        this.publishDate = publishDate;
        this.delayMinutes = parent == null ? 0 : value.delayMinutes();
        this.state = state;
        this.dueAt = parent == null && state == PostState.QUEUE ? dueFrom(publishDate, now) : null;
        this.cluster = state == PostState.QUEUE ? cluster : null;
        this.creationMethod = creationMethod;
        this.createdAt = now;
        this.updatedAt = now;
        this.isNew = true;
    }

    /** A thread's first post; {@code state} is DRAFT or QUEUE, queued for the scheduler {@code cluster}. */
    static Post root(
            UUID organizationId,
            UUID groupId,
            UUID integrationId,
            PostValue value,
            String imageJson,
            String settingsJson,
            Instant publishDate,
            PostState state,
            String cluster,
            String creationMethod,
            Set<Tag> tags,
            Instant now) {
        var post = new Post(
                organizationId,
                groupId,
                integrationId,
                null,
                value,
                imageJson,
                settingsJson,
                publishDate,
                state,
                cluster,
                creationMethod,
                now);
        post.tags.addAll(tags);
        return post;
    }

    /** The item after this one in the same thread. */
    Post reply(PostValue value, String imageJson, Instant now) {
        return new Post(
                organizationId,
                groupId,
                integrationId,
                this,
                value,
                imageJson,
                settings,
                publishDate,
                state,
                cluster,
                creationMethod,
                now);
    }

    /** The publisher gives the post back without having sent it. */
    void unclaim(String node, Instant now) {
        if (state != PostState.PUBLISHING || !node.equals(publishingNode)) {
            throw new IllegalStateException("Post " + id + " is not held by " + node);
        }
        state = PostState.QUEUE;
        publishingNode = null;
        publishingSince = null;
        updatedAt = now;
    }

    /**
     * The platform did not take the post and asked for it again at {@code until} (a rate limit): it
     * goes back to the queue, due then.
     */
    void defer(String node, Instant until, Instant now) {
        unclaim(node, now);
        dueAt = until;
    }

    /** The post did not go out (or nobody can tell); {@code error} says which. It is never retried. */
    void failed(String error, Instant now) {
        if (state != PostState.PUBLISHING && state != PostState.QUEUE) {
            throw new IllegalStateException("Post " + id + " is " + state + " and cannot fail");
        }
        state = PostState.ERROR;
        this.error = error;
        updatedAt = now;
    }

    /** Back to the queue, from a draft or a failure (the user asked for it; nothing is re-sent by itself). */
    void queue(String cluster, Instant now) {
        if (state != PostState.DRAFT && state != PostState.ERROR && state != PostState.QUEUE) {
            throw new IllegalStateException("Post " + id + " is " + state + " and cannot be queued");
        }
        state = PostState.QUEUE;
        error = null;
        this.cluster = cluster;
        dueAt = threadIndex == 0 ? dueFrom(publishDate, now) : null;
        updatedAt = now;
    }

    /** Out of the queue, into drafts. */
    void draft(Instant now) {
        if (state != PostState.QUEUE && state != PostState.ERROR && state != PostState.DRAFT) {
            throw new IllegalStateException("Post " + id + " is " + state + " and cannot become a draft");
        }
        state = PostState.DRAFT;
        error = null;
        dueAt = null;
        updatedAt = now;
    }

    /**
     * A post queued with a past date goes out at once; lateness (and the missed window) is counted
     * from when it was queued, not from a date the user chose in the past.
     */
    private static Instant dueFrom(Instant publishDate, Instant now) {
        return publishDate.isBefore(now) ? now : publishDate;
    }

    /** Deletes a post that is not on the platform and not being sent there. */
    void delete(Instant now) {
        if (state == PostState.PUBLISHED || state == PostState.PUBLISHING) {
            throw new IllegalStateException("Post " + id + " is " + state + " and cannot be deleted");
        }
        deletedAt = now;
        updatedAt = now;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostPersist
    @PostLoad
    void markStored() {
        isNew = false;
    }

    UUID id() {
        return id;
    }

    /** The thread's first post (itself for a root). */
    UUID rootId() {
        return rootPostId == null ? id : rootPostId;
    }

    UUID parentId() {
        return parentPostId;
    }

    int threadIndex() {
        return threadIndex;
    }

    String content() {
        return content;
    }

    String imageJson() {
        return image;
    }

    String settingsJson() {
        return settings;
    }

    Instant publishDate() {
        return publishDate;
    }

    String releaseId() {
        return releaseId;
    }

    String releaseUrl() {
        return releaseUrl;
    }

    UUID groupId() {
        return groupId;
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID integrationId() {
        return integrationId;
    }

    PostState state() {
        return state;
    }

    boolean deleted() {
        return deletedAt != null;
    }

    String publishingNode() {
        return publishingNode;
    }

    Instant publishingSince() {
        return publishingSince;
    }

    Instant dueAt() {
        return dueAt;
    }
}
