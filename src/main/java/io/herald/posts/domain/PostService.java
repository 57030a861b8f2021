package io.herald.posts.domain;

import io.herald.content.Html;
import io.herald.integrations.Channel;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.IntegrationDeleted;
import io.herald.integrations.Integrations;
import io.herald.kernel.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creating, deleting and re-stating posts, and following integrations that are deleted. Every method
 * is one transaction, the scheduling of the group included.
 */
@Service
public class PostService {

    /**
     * The live group of a post (or a group itself, {@link #LOCK_GROUP}) if the organization owns it,
     * locked until the transaction ends, in id order: every locker of a group uses that order, so two
     * of them never deadlock. Another organization's rows are never locked.
     */
    private static final String LOCK_GROUP_OF = """
            select id, group_id, state, integration_id from posts
            where group_id = (select group_id from posts where id = :id) and organization_id = :organization
              and deleted_at is null
            order by id for no key update""";

    private static final String LOCK_GROUP = """
            select id, group_id, state, integration_id from posts
            where group_id = :id and organization_id = :organization and deleted_at is null
            order by id for no key update""";

    private static final String DELETE = "update posts set deleted_at = :now, updated_at = :now where id in (:ids)";

    private final PostRepository posts;

    private final TagRepository tags;

    private final Integrations integrations;

    private final PublicationScheduler scheduler;

    private final JsonMapper json;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final PostMetrics metrics;

    private final JdbcClient jdbc;

    PostService(
            PostRepository posts,
            TagRepository tags,
            Integrations integrations,
            PublicationScheduler scheduler,
            JsonMapper json,
            ApplicationEventPublisher events,
            Clock clock,
            PostMetrics metrics,
            JdbcClient jdbc) {
        this.posts = posts;
        this.tags = tags;
        this.integrations = integrations;
        this.scheduler = scheduler;
        this.json = json;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
        this.jdbc = jdbc;
    }

    /**
     * Stores every entry's thread as one group and, unless it is a draft, schedules the group. Either
     * all of it happens or nothing does.
     */
    @Transactional
    public List<CreatedPost> create(CreatePost command) {
        var channels = channels(command);
        var now = clock.instant();
        var groupTags = tags(command.organizationId(), command.tagLabels(), now);
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
                                scheduler.cluster(),
                                command.creationMethod(),
                                groupTags,
                                now)
                        : previous.reply(value, json.writeValueAsString(value.images()), now);
                if (previous == null) {
                    created.add(new CreatedPost(post.id(), channel.id(), group));
                }
                thread.add(post);
                previous = post;
            }
            metrics.created(channel.identifier(), entry.values().size());
        }
        posts.saveAll(thread);
        if (state == PostState.QUEUE) {
            queued(group, publishDate, now);
        }
        return created;
    }

    /**
     * Deletes the post's whole group but its published posts, in plain SQL: every delete takes this
     * path, and it needs no more of the posts than their states.
     */
    @Transactional
    public GroupDeletion deletePost(UUID organizationId, String postId) {
        var id = Ids.parse(postId).orElseThrow(() -> PostNotFoundException.forPost(postId));
        var members = lockMembers(LOCK_GROUP_OF, id, organizationId);
        var post = members.stream()
                .filter(member -> member.id().equals(id))
                .findFirst()
                .orElseThrow(() -> missing(id, postId));
        if (post.state() == PostState.PUBLISHED) {
            throw PublishedPostException.deleting("Post " + postId);
        }
        return deleteUnpublished(post.groupId(), members);
    }

    /**
     * Moves the post's whole group to drafts or to the queue, and cancels or schedules its
     * publication in the same transaction. Queuing checks the platforms' rules, as a create does.
     */
    @Transactional
    public PostState changeStatus(UUID organizationId, String postId, PostType target) {
        var group = lockGroupOf(organizationId, postId);
        var members = group.members();
        requireNoneBeingPublished(members);
        if (members.stream().anyMatch(member -> member.state() == PostState.PUBLISHED)) {
            throw PublishedPostException.changing("Group of post " + postId);
        }
        var now = clock.instant();
        if (target == PostType.DRAFT) {
            members.forEach(member -> member.draft(now));
            scheduler.cancel(group.post().groupId());
            return PostState.DRAFT;
        }
        checkRules(organizationId, members);
        members.forEach(member -> member.queue(scheduler.cluster(), now));
        var root = members.stream()
                .filter(member -> member.threadIndex() == 0)
                .findFirst()
                .orElseThrow();
        queued(group.post().groupId(), root.publishDate(), now);
        return PostState.QUEUE;
    }

    /**
     * The post's live group, locked in one statement, once the post is known to exist, to be live
     * and to be the caller's; another organization's rows are never locked. A post deleted by
     * another request while this one waited is not found.
     */
    private LockedGroup lockGroupOf(UUID organizationId, String postId) {
        var id = Ids.parse(postId).orElseThrow(() -> PostNotFoundException.forPost(postId));
        var members = posts.lockLiveGroupOf(id, organizationId);
        var post = members.stream()
                .filter(member -> member.id().equals(id))
                .findFirst()
                .orElseThrow(() -> missing(id, postId));
        return new LockedGroup(post, members);
    }

    /** A post that is not among the caller's live posts: another organization's (403) or none (404). */
    private RuntimeException missing(UUID id, String postId) {
        return posts.existsByIdAndDeletedAtIsNull(id)
                ? new PostAccessDeniedException("Post " + postId)
                : PostNotFoundException.forPost(postId);
    }

    private record LockedGroup(Post post, List<Post> members) {}

    /** Deletes the group but its published posts. */
    @Transactional
    public GroupDeletion deleteGroup(UUID organizationId, String groupId) {
        var id = Ids.parse(groupId).orElseThrow(() -> PostNotFoundException.forGroup(groupId));
        var members = lockMembers(LOCK_GROUP, id, organizationId);
        if (members.isEmpty()) {
            throw posts.existsByGroupIdAndDeletedAtIsNull(id)
                    ? new PostAccessDeniedException("Group " + groupId)
                    : PostNotFoundException.forGroup(groupId);
        }
        if (members.stream().allMatch(member -> member.state() == PostState.PUBLISHED)) {
            throw PublishedPostException.deleting("Group " + groupId);
        }
        return deleteUnpublished(id, members);
    }

    /**
     * A deleted integration takes its unpublished posts with it, in the deleting transaction. A group
     * keeps its publication while another integration's posts of it are still queued.
     */
    @EventListener
    @Transactional
    public void integrationDeleted(IntegrationDeleted event) {
        var now = clock.instant();
        for (var group : posts.findLiveGroupsOfIntegration(event.integrationId())) {
            var members = posts.lockLiveGroup(group);
            var ofIntegration = members.stream()
                    .filter(member -> member.integrationId().equals(event.integrationId()))
                    .toList();
            requireNoneBeingPublished(ofIntegration);
            for (var member : ofIntegration) {
                if (member.state() != PostState.PUBLISHED) {
                    member.delete(now);
                }
            }
            if (members.stream().noneMatch(member -> member.state() == PostState.QUEUE && !member.deleted())) {
                scheduler.cancel(group);
            }
        }
    }

    /** A post a publisher holds right now cannot be changed: its outcome is not known yet. */
    private static void requireNoneBeingPublished(List<Post> members) {
        for (var member : members) {
            if (member.state() == PostState.PUBLISHING) {
                throw new PostBeingPublishedException(member.id());
            }
        }
    }

    private List<Member> lockMembers(String statement, UUID id, UUID organizationId) {
        return jdbc.sql(statement)
                .param("id", id)
                .param("organization", organizationId)
                .query((rs, row) -> new Member(
                        rs.getObject("id", UUID.class),
                        rs.getObject("group_id", UUID.class),
                        PostState.valueOf(rs.getString("state")),
                        rs.getObject("integration_id", UUID.class)))
                .list();
    }

    /** Deletes the locked members but the published ones; none may be in the middle of a publication. */
    private GroupDeletion deleteUnpublished(UUID group, List<Member> members) {
        var deleted = new ArrayList<UUID>();
        var kept = new ArrayList<UUID>();
        var wasQueued = false;
        for (var member : members) {
            switch (member.state()) {
                case PUBLISHING -> throw new PostBeingPublishedException(member.id());
                case PUBLISHED -> kept.add(member.id());
                default -> {
                    wasQueued |= member.state() == PostState.QUEUE;
                    deleted.add(member.id());
                    metrics.deleted(member.integrationId());
                }
            }
        }
        jdbc.sql(DELETE)
                .param("ids", deleted)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        if (wasQueued) {
            scheduler.cancel(group);
        }
        return new GroupDeletion(group, deleted, kept);
    }

    /** A live post of a group that is being deleted, as far as the delete needs to know it. */
    private record Member(UUID id, UUID groupId, PostState state, UUID integrationId) {}

    /** The usable integration of each entry, in entry order; and, unless drafting, its platform's rules. */
    private List<Channel> channels(CreatePost command) {
        var ids = command.entries().stream()
                .map(entry -> Ids.parse(entry.integrationId()))
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        var usable = integrations.usable(command.organizationId(), ids);
        var channels = new ArrayList<Channel>();
        for (var entry : command.entries()) {
            var channel = Ids.parse(entry.integrationId())
                    .map(usable::get)
                    .orElseThrow(() -> new UnknownIntegrationException(entry.integrationId()));
            if (command.type() != PostType.DRAFT) {
                for (int i = 0; i < entry.values().size(); i++) {
                    var value = entry.values().get(i);
                    var media = value.images().stream().map(PostImage::path).toList();
                    checkLimits(channel, new ContentLimits.Item(value.text(), media, i > 0, entry.settings()));
                }
            }
            channels.add(channel);
        }
        return channels;
    }

    /** Sets the group's alarm; posts due already go out as soon as this transaction commits. */
    private void queued(UUID group, Instant publishDate, Instant now) {
        scheduler.schedule(group, group, publishDate);
        if (!publishDate.isAfter(now)) {
            events.publishEvent(new PostsDue());
        }
    }

    private void checkRules(UUID organizationId, List<Post> members) {
        var usable = integrations.usable(
                organizationId, members.stream().map(Post::integrationId).collect(Collectors.toSet()));
        for (var member : members) {
            var channel = usable.get(member.integrationId());
            if (channel == null) {
                throw new UnknownIntegrationException(member.integrationId().toString());
            }
            var media = new ArrayList<String>();
            json.readTree(member.imageJson())
                    .forEach(image -> media.add(image.path("path").asString("")));
            checkLimits(
                    channel,
                    new ContentLimits.Item(
                            Html.text(member.content()),
                            media,
                            member.threadIndex() > 0,
                            json.readTree(member.settingsJson())));
        }
    }

    private static void checkLimits(Channel channel, ContentLimits.Item item) {
        channel.limits().violation(item).ifPresent(message -> {
            throw new ProviderRuleException(channel.identifier(), channel.name(), message);
        });
    }

    private Set<Tag> tags(UUID organizationId, List<String> labels, Instant now) {
        if (labels.isEmpty()) {
            return Set.of();
        }
        var names = new HashSet<>(labels);
        for (var name : names) {
            tags.createIfAbsent(Ids.next(), organizationId, name, Tag.DEFAULT_COLOR, now);
        }
        return new HashSet<>(tags.findByOrganizationIdAndNameIn(organizationId, names));
    }
}
