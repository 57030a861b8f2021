package io.herald.posts.domain;

import io.herald.web.Ids;
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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/**
 * One piece of content for one integration: a thread's root or one of its items. Its state only
 * moves through the methods below, each of which refuses a transition the lifecycle does not have.
 */
@Entity
@Table(name = "posts")
class Post implements Persistable<UUID> {

    @Id
    private UUID id;

    private UUID organizationId;

    private UUID groupId;

    private UUID integrationId;

    private UUID parentPostId;

    private int threadIndex;

    private String content;

    @JdbcTypeCode(SqlTypes.JSON)
    private String image;

    @JdbcTypeCode(SqlTypes.JSON)
    private String settings;

    private Instant publishDate;

    private double delayMinutes;

    @Enumerated(EnumType.STRING)
    private PostState state;

    private String error;

    private String releaseId;

    private String releaseUrl;

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
            String creationMethod,
            Instant now) {
        this.id = Ids.next();
        this.organizationId = organizationId;
        this.groupId = groupId;
        this.integrationId = integrationId;
        this.parentPostId = parent == null ? null : parent.id;
        this.threadIndex = parent == null ? 0 : parent.threadIndex + 1;
        this.content = value.html();
        this.image = imageJson;
        this.settings = settingsJson;
        this.publishDate = publishDate;
        this.delayMinutes = parent == null ? 0 : value.delayMinutes();
        this.state = state;
        this.creationMethod = creationMethod;
        this.createdAt = now;
        this.updatedAt = now;
        this.isNew = true;
    }

    /** A thread's first post; {@code state} is DRAFT or QUEUE. */
    static Post root(
            UUID organizationId,
            UUID groupId,
            UUID integrationId,
            PostValue value,
            String imageJson,
            String settingsJson,
            Instant publishDate,
            PostState state,
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
                creationMethod,
                now);
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
}
