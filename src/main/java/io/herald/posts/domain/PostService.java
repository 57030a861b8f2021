package io.herald.posts.domain;

import io.herald.events.EventType;
import io.herald.events.Events;
import io.herald.integrations.Channel;
import io.herald.integrations.IntegrationDeleted;
import io.herald.kernel.ApiTime;
import io.herald.kernel.Ids;
import io.herald.posts.publishing.GroupLifecycle;
import io.herald.posts.publishing.LockedPost;
import io.herald.posts.publishing.PostMetrics;
import io.herald.posts.publishing.PostState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creating, deleting and re-stating posts, and following integrations that are deleted. Every method
 * is one transaction; the rows of a group are locked and changed through {@link GroupLifecycle},
 * which keeps the group's alarms with them. What a change may do is decided here, from the locked rows.
 */
@Service
public class PostService {

    private final PostRepository posts;

    private final NewPosts newPosts;

    private final TagRepository tags;

    private final PlatformRules rules;

    private final GroupLifecycle lifecycle;

    private final JsonMapper json;

    private final Clock clock;

    private final PostMetrics metrics;

    private final Events events;

    PostService(
            PostRepository posts,
            NewPosts newPosts,
            TagRepository tags,
            PlatformRules rules,
            GroupLifecycle lifecycle,
            JsonMapper json,
            Clock clock,
            PostMetrics metrics,
            Events events) {
        this.posts = posts;
        this.newPosts = newPosts;
        this.tags = tags;
        this.rules = rules;
        this.lifecycle = lifecycle;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
        this.events = events;
    }

    /**
     * Stores every entry's thread as one group and, unless it is a draft, schedules the group. Either
     * all of it happens or nothing does.
     */
    @Transactional
    public List<CreatedPost> create(CreatePost command) {
        var channels = rules.channels(command, command.type() != PostType.DRAFT);
        var now = clock.instant();
        var groupTags = tags.labelled(command.organizationId(), command.tagLabels(), now);
        var group = Ids.next();
        var state = command.type() == PostType.DRAFT ? PostState.DRAFT : PostState.QUEUE;
        var publishDate = command.type() == PostType.NOW ? now : command.date();
        var created = new ArrayList<CreatedPost>();
        var thread = new ArrayList<Post>();
        for (int i = 0; i < command.entries().size(); i++) {
            var entry = command.entries().get(i);
            var channel = channels.get(i);
            var settings = entry.settings().deepCopy();
            settings.put("__type", channel.identifier());
            Post previous = null;
            for (var value : entry.values()) {
                var post = previous == null
                        ? Post.root(
                                command.organizationId(),
                                group,
                                channel.id(),
                                value,
                                json.writeValueAsString(value.images()),
                                settings.toString(),
                                publishDate,
                                state,
                                lifecycle.cluster(),
                                command.creationMethod(),
                                now)
                        : previous.reply(value, json.writeValueAsString(value.images()), now);
                if (previous == null) {
                    post.repeatingEvery(command.inter());
                }
                if (previous == null) {
                    created.add(new CreatedPost(post.id(), channel.id(), group));
                }
                thread.add(post);
                previous = post;
            }
            metrics.created(channel.identifier(), entry.values().size());
        }
        newPosts.insert(thread, groupTags);
        if (state == PostState.QUEUE) {
            lifecycle.created(group, publishDate, now);
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("type", command.type().name().toLowerCase());
        data.put("publishDate", ApiTime.format(publishDate));
        data.put("integrations", channels.stream().map(Channel::id).distinct().toList());
        events.record(
                EventType.POST_CREATED,
                command.organizationId(),
                group,
                thread.stream().map(Post::id).toList(),
                data);
        return created;
    }

    /** Deletes the post's whole group but its published posts, if the group is at the expected version. */
    @Transactional
    public GroupDeletion deletePost(UUID organizationId, String postId, ExpectedVersion expected) {
        var id = Ids.parse(postId).orElseThrow(() -> PostNotFoundException.forPost(postId));
        var members = lifecycle.lockGroupOf(id, organizationId);
        var group = deletableGroupOf(members, id, postId);
        expected.require(group, () -> lifecycle.version(group));
        return deleteUnpublished(organizationId, group, members);
    }

    /** Deletes the group but its published posts, if it is at the expected version. */
    @Transactional
    public GroupDeletion deleteGroup(UUID organizationId, String groupId, ExpectedVersion expected) {
        var id = Ids.parse(groupId).orElseThrow(() -> PostNotFoundException.forGroup(groupId));
        var members = lifecycle.lockGroup(id, organizationId);
        requireDeletableGroup(members, id, groupId);
        expected.require(id, () -> lifecycle.version(id));
        return deleteUnpublished(organizationId, id, members);
    }

    /**
     * What {@link #deletePost} would do now, with its refusals, changing nothing: the group is read,
     * not locked, so no lock is held past the statement.
     */
    @Transactional(readOnly = true)
    public DeletionPreview previewDeletePost(UUID organizationId, String postId, ExpectedVersion expected) {
        var id = Ids.parse(postId).orElseThrow(() -> PostNotFoundException.forPost(postId));
        var members = lifecycle.readGroupOf(id, organizationId);
        var group = deletableGroupOf(members, id, postId);
        var version = lifecycle.version(group);
        expected.require(group, () -> version);
        return preview(group, members, version);
    }

    /** What {@link #deleteGroup} would do now, with its refusals, changing nothing and locking nothing. */
    @Transactional(readOnly = true)
    public DeletionPreview previewDeleteGroup(UUID organizationId, String groupId, ExpectedVersion expected) {
        var id = Ids.parse(groupId).orElseThrow(() -> PostNotFoundException.forGroup(groupId));
        var members = lifecycle.readGroup(id, organizationId);
        requireDeletableGroup(members, id, groupId);
        var version = lifecycle.version(id);
        expected.require(id, () -> version);
        return preview(id, members, version);
    }

    /**
     * Moves the post's whole group to drafts or to the queue, and cancels or schedules its
     * publication in the same transaction. Queuing checks the platforms' rules, as a create does.
     */
    @Transactional
    public PostState changeStatus(UUID organizationId, String postId, PostType target) {
        var id = Ids.parse(postId).orElseThrow(() -> PostNotFoundException.forPost(postId));
        var members = lifecycle.lockGroupOf(id, organizationId);
        var post = member(members, id).orElseThrow(() -> missing(id, postId));
        requireNoneBeingPublished(members);
        if (members.stream().anyMatch(member -> member.state() == PostState.PUBLISHED)) {
            throw PublishedPostException.changing("Group of post " + postId);
        }
        var now = clock.instant();
        var from = new LinkedHashMap<String, String>();
        members.forEach(
                member -> from.put(member.id().toString(), member.state().status()));
        PostState to;
        if (target == PostType.DRAFT) {
            lifecycle.unschedule(post.groupId(), members, now);
            to = PostState.DRAFT;
        } else {
            rules.checkStored(
                    organizationId,
                    posts.findAllById(members.stream().map(LockedPost::id).toList()));
            lifecycle.queue(post.groupId(), members, now);
            to = PostState.QUEUE;
        }
        events.record(
                EventType.POST_STATUS_CHANGED,
                organizationId,
                post.groupId(),
                members.stream().map(LockedPost::id).toList(),
                Map.of("from", from, "to", to.status()));
        return to;
    }

    /**
     * A deleted integration takes its unpublished posts with it, in the deleting transaction. A group
     * keeps its publication while another integration's posts of it are still queued.
     */
    @EventListener
    @Transactional
    public void integrationDeleted(IntegrationDeleted event) {
        var now = clock.instant();
        var groups = lifecycle.lockGroupsOfIntegration(event.integrationId()).stream()
                .collect(Collectors.groupingBy(LockedPost::groupId, LinkedHashMap::new, Collectors.toList()));
        groups.forEach((group, members) -> {
            var ofIntegration = members.stream()
                    .filter(member -> member.integrationId().equals(event.integrationId()))
                    .toList();
            requireNoneBeingPublished(ofIntegration);
            var deleting = ofIntegration.stream()
                    .filter(member -> member.state() != PostState.PUBLISHED)
                    .toList();
            var queuedRemain = members.stream()
                    .anyMatch(member -> member.state() == PostState.QUEUE && !deleting.contains(member));
            lifecycle.delete(group, deleting, queuedRemain, now);
            if (!deleting.isEmpty()) {
                events.record(
                        EventType.POST_DELETED,
                        event.organizationId(),
                        group,
                        deleting.stream().map(LockedPost::id).toList(),
                        Map.of("reason", "integration deleted", "integration", event.integrationId()));
            }
        });
    }

    private static Optional<LockedPost> member(List<LockedPost> members, UUID id) {
        return members.stream().filter(member -> member.id().equals(id)).findFirst();
    }

    /** A post that is not among the caller's live posts: another organization's (403) or none (404). */
    private RuntimeException missing(UUID id, String postId) {
        return posts.existsByIdAndDeletedAtIsNull(id)
                ? new PostAccessDeniedException("Post " + postId)
                : PostNotFoundException.forPost(postId);
    }

    /** A post a publisher holds right now cannot be changed: its outcome is not known yet. */
    static void requireNoneBeingPublished(List<LockedPost> members) {
        for (var member : members) {
            if (member.state() == PostState.PUBLISHING) {
                throw new PostBeingPublishedException(member.id());
            }
        }
    }

    /** The group of the post a delete names: 404 or 403 unless it is the caller's and live, 403 if it is published. */
    private UUID deletableGroupOf(List<LockedPost> members, UUID id, String postId) {
        var post = member(members, id).orElseThrow(() -> missing(id, postId));
        if (post.state() == PostState.PUBLISHED) {
            throw PublishedPostException.deleting("Post " + postId);
        }
        return post.groupId();
    }

    /** A group a delete names: 404 or 403 unless it is the caller's and live, 403 if all of it is published. */
    private void requireDeletableGroup(List<LockedPost> members, UUID id, String groupId) {
        if (members.isEmpty()) {
            throw posts.existsByGroupIdAndDeletedAtIsNull(id)
                    ? new PostAccessDeniedException("Group " + groupId)
                    : PostNotFoundException.forGroup(groupId);
        }
        if (members.stream().allMatch(member -> member.state() == PostState.PUBLISHED)) {
            throw PublishedPostException.deleting("Group " + groupId);
        }
    }

    /** What deleting the members would delete, keep, and wait for. */
    private static DeletionPreview preview(UUID group, List<LockedPost> members, long version) {
        return new DeletionPreview(
                group,
                ids(members, state -> state != PostState.PUBLISHED && state != PostState.PUBLISHING),
                ids(members, state -> state == PostState.PUBLISHED),
                ids(members, state -> state == PostState.PUBLISHING),
                version);
    }

    private static List<UUID> ids(List<LockedPost> members, Predicate<PostState> state) {
        return members.stream()
                .filter(member -> state.test(member.state()))
                .map(LockedPost::id)
                .toList();
    }

    /** Deletes the locked members but the published ones; none may be in the middle of a publication. */
    private GroupDeletion deleteUnpublished(UUID organizationId, UUID group, List<LockedPost> members) {
        requireNoneBeingPublished(members);
        var deleting = members.stream()
                .filter(member -> member.state() != PostState.PUBLISHED)
                .toList();
        var kept = members.stream()
                .filter(member -> member.state() == PostState.PUBLISHED)
                .map(LockedPost::id)
                .toList();
        lifecycle.delete(group, deleting, false, clock.instant());
        var deleted = deleting.stream().map(LockedPost::id).toList();
        events.record(EventType.POST_DELETED, organizationId, group, deleted, Map.of("kept", kept));
        return new GroupDeletion(group, deleted, kept);
    }
}
