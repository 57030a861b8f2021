package io.herald.posts.domain;

import io.herald.kernel.Ids;
import io.herald.posts.publishing.EditedPost;
import io.herald.posts.publishing.PostState;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One piece of content for one integration, as it is created: a thread's root or one of its items,
 * a draft or queued. The entity reads stored posts; {@link NewPosts} inserts new ones (plain batched
 * SQL, the fields below in their columns). It has no method that changes a stored post. Every later change of its state (claims, records, failures, queuing again,
 * drafts, deletion) is a guarded statement of the lifecycle ({@code io.herald.posts.publishing}),
 * so the fields below may be stale in a transaction that changed the row.
 */
@Entity
@Table(name = "posts")
class Post {

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

    private String creationMethod;

    private Instant createdAt;

    private Instant updatedAt;

    private Instant deletedAt;

    private Integer intervalDays;

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
        this(
                Ids.next(),
                organizationId,
                groupId,
                integrationId,
                parent == null ? null : parent.id,
                parent == null ? null : parent.rootId(),
                parent == null ? 0 : parent.threadIndex + 1,
                value,
                imageJson,
                settingsJson,
                publishDate,
                state,
                cluster,
                creationMethod,
                now);
    }

    private Post(
            UUID id,
            UUID organizationId,
            UUID groupId,
            UUID integrationId,
            UUID parentPostId,
            UUID rootPostId,
            int threadIndex,
            PostValue value,
            String imageJson,
            String settingsJson,
            Instant publishDate,
            PostState state,
            String cluster,
            String creationMethod,
            Instant now) {
        this.id = id;
        this.organizationId = organizationId;
        this.groupId = groupId;
        this.integrationId = integrationId;
        this.parentPostId = parentPostId;
        this.rootPostId = rootPostId;
        this.threadIndex = threadIndex;
        this.content = value.html();
        this.image = imageJson;
        this.settings = settingsJson;
        this.publishDate = publishDate;
        this.delayMinutes = threadIndex == 0 ? 0 : value.delayMinutes();
        this.state = state;
        this.dueAt = threadIndex == 0 && state == PostState.QUEUE ? dueFrom(publishDate, now) : null;
        this.cluster = state == PostState.QUEUE ? cluster : null;
        this.creationMethod = creationMethod;
        this.createdAt = now;
        this.updatedAt = now;
        this.isNew = true;
    }

    /**
     * A post an edit adds to an existing group, at a place of a thread whose other posts may be
     * stored already: its id, parent and root are chosen by the edit.
     */
    static Post added(
            UUID id,
            UUID organizationId,
            UUID groupId,
            UUID integrationId,
            UUID parentPostId,
            UUID rootPostId,
            int threadIndex,
            PostValue value,
            String imageJson,
            String settingsJson,
            Instant publishDate,
            PostState state,
            String cluster,
            String creationMethod,
            Instant now) {
        return new Post(
                id,
                organizationId,
                groupId,
                integrationId,
                parentPostId,
                rootPostId,
                threadIndex,
                value,
                imageJson,
                settingsJson,
                publishDate,
                state,
                cluster,
                creationMethod,
                now);
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
            Instant now) {
        return new Post(
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
    }

    /** The item after this one in the same thread (of the same repeating group, if this one repeats). */
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
                        now)
                .repeatingEvery(intervalDays);
    }

    /** A new post of a group repeated every {@code days} days (null: not repeated). */
    Post repeatingEvery(Integer days) {
        if (!isNew) {
            throw new IllegalStateException("Only a new post takes its group's interval");
        }
        this.intervalDays = days;
        return this;
    }

    /**
     * A post queued with a past date goes out at once; lateness (and the missed window) is counted
     * from when it was queued, not from a date the user chose in the past.
     */
    private static Instant dueFrom(Instant publishDate, Instant now) {
        return publishDate.isBefore(now) ? now : publishDate;
    }

    @PostLoad
    void markStored() {
        isNew = false;
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID groupId() {
        return groupId;
    }

    Instant dueAt() {
        return dueAt;
    }

    String cluster() {
        return cluster;
    }

    PostState state() {
        return state;
    }

    String creationMethod() {
        return creationMethod;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    Integer intervalDays() {
        return intervalDays;
    }

    /** The thread's first post (itself for a root). */
    UUID rootId() {
        return rootPostId == null ? id : rootPostId;
    }

    String content() {
        return content;
    }

    int threadIndex() {
        return threadIndex;
    }

    String settingsJson() {
        return settings;
    }

    String imageJson() {
        return image;
    }

    UUID integrationId() {
        return integrationId;
    }

    UUID parentPostId() {
        return parentPostId;
    }

    /** The root post's id for a thread item, null for a root. */
    UUID rootPostId() {
        return rootPostId;
    }

    Instant publishDate() {
        return publishDate;
    }

    double delayMinutes() {
        return delayMinutes;
    }

    /** An edit of this stored post: what the change gives it, the rest as it is. */
    EditedPost edited(String html, String imageJson, String settingsJson, double delay, Instant date) {
        return new EditedPost(
                id, html, imageJson, settingsJson, delay, date, parentPostId, rootPostId, threadIndex, intervalDays);
    }
}
