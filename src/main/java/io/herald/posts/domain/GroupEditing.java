package io.herald.posts.domain;

import io.herald.content.Html;
import io.herald.events.EventType;
import io.herald.events.Events;
import io.herald.kernel.ApiTime;
import io.herald.kernel.Ids;
import io.herald.posts.publishing.EditedPost;
import io.herald.posts.publishing.GroupLifecycle;
import io.herald.posts.publishing.LockedPost;
import io.herald.posts.publishing.PostMetrics;
import io.herald.posts.publishing.PostState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Editing a group through a create request that names it (Postiz's way): the request describes the
 * group's new unpublished content. A value naming a post of the group and integration updates it in
 * place, a value without one is a new post, and the unpublished posts the request leaves out are
 * deleted; the group keeps its id. All of it is one transaction on the locked group, so an edit and
 * a publication never both win: a post being published refuses the edit (409), and a publisher
 * skips the rows the edit holds and then sees its result.
 */
@Service
public class GroupEditing {

    private final PostRepository posts;

    private final NewPosts newPosts;

    private final TagRepository tags;

    private final PlatformRules rules;

    private final GroupLifecycle lifecycle;

    private final JsonMapper json;

    private final Clock clock;

    private final PostMetrics metrics;

    private final Events events;

    GroupEditing(
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
        this.events = events;
        this.tags = tags;
        this.rules = rules;
        this.lifecycle = lifecycle;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Replaces the unpublished content of the group the command names; answers each entry's root. */
    @Transactional
    public List<CreatedPost> edit(CreatePost command) {
        var group = Ids.parse(command.group()).orElseThrow(() -> PostNotFoundException.forGroup(command.group()));
        var members = lifecycle.lockGroup(group, command.organizationId());
        if (members.isEmpty()) {
            throw posts.existsByGroupIdAndDeletedAtIsNull(group)
                    ? new PostAccessDeniedException("Group " + command.group())
                    : PostNotFoundException.forGroup(command.group());
        }
        PostService.requireNoneBeingPublished(members);
        var now = clock.instant();
        var state = state(command.type(), members);
        var channels = rules.channels(command, state == PostState.QUEUE);
        var byId = members.stream().collect(Collectors.toMap(LockedPost::id, Function.identity()));
        var layout = layout(command, channels.stream().map(c -> c.id()).toList(), byId);

        var publishDate = command.type() == PostType.NOW ? now : command.date();
        var groupTags = tags.labelled(command.organizationId(), command.tagLabels(), now);
        var added = new ArrayList<Post>();
        var edited = new ArrayList<EditedPost>();
        var after = new ArrayList<LockedPost>();
        var created = new ArrayList<CreatedPost>();
        for (int i = 0; i < layout.size(); i++) {
            var entry = command.entries().get(i);
            var channel = channels.get(i);
            var settings = entry.settings().deepCopy();
            settings.put("__type", channel.identifier());
            var thread = layout.get(i);
            var root = thread.get(0).id();
            var newPosts = 0;
            for (int k = 0; k < thread.size(); k++) {
                var slot = thread.get(k);
                var value = entry.values().get(k);
                var parent = k == 0 ? null : thread.get(k - 1).id();
                var images = json.writeValueAsString(value.images());
                if (slot.existing() == null) {
                    added.add(Post.added(
                                    slot.id(),
                                    command.organizationId(),
                                    group,
                                    channel.id(),
                                    parent,
                                    k == 0 ? null : root,
                                    k,
                                    value,
                                    images,
                                    settings.toString(),
                                    publishDate,
                                    state,
                                    lifecycle.cluster(),
                                    command.creationMethod(),
                                    now)
                            .repeatingEvery(command.inter()));
                    newPosts++;
                } else {
                    edited.add(new EditedPost(
                            slot.id(),
                            value.html(),
                            images,
                            settings.toString(),
                            k == 0 ? 0 : value.delayMinutes(),
                            publishDate,
                            parent,
                            k == 0 ? null : root,
                            k,
                            command.inter()));
                }
                after.add(new LockedPost(
                        slot.id(),
                        group,
                        slot.existing() == null ? state : slot.existing().state(),
                        channel.id(),
                        k,
                        publishDate));
            }
            if (newPosts > 0) {
                metrics.created(channel.identifier(), newPosts);
            }
            created.add(new CreatedPost(root, channel.id(), group));
        }

        // new posts first: edited ones may now hang under them
        newPosts.insert(added, groupTags);
        lifecycle.edit(group, edited, now);
        retag(layout, groupTags);
        var kept = after.stream().map(LockedPost::id).collect(Collectors.toSet());
        var leftOut = members.stream()
                .filter(member -> member.state() != PostState.PUBLISHED && !kept.contains(member.id()))
                .toList();
        lifecycle.delete(group, leftOut, true, now);
        switch (command.type()) {
            case DRAFT -> lifecycle.unschedule(group, after, now);
            case SCHEDULE, NOW -> lifecycle.queue(group, after, now);
            case UPDATE -> lifecycle.rearm(group, publishDate, now);
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("type", command.type().name().toLowerCase());
        data.put("publishDate", ApiTime.format(publishDate));
        data.put("added", added.stream().map(Post::id).toList());
        data.put("deleted", leftOut.stream().map(LockedPost::id).toList());
        events.record(
                EventType.POST_UPDATED,
                command.organizationId(),
                group,
                after.stream().map(LockedPost::id).toList(),
                data);
        return created;
    }

    /**
     * Reschedules the post's group or corrects the post (spec §9.4), if the group is still at the
     * expected version: the date moves every unpublished post of the group (alarms re-armed), content,
     * images and delay change this post, settings are merged into its integration's thread.
     */
    @Transactional
    public void change(UUID organizationId, String postId, PostChange change) {
        var id = Ids.parse(postId).orElseThrow(() -> PostNotFoundException.forPost(postId));
        var members = lifecycle.lockGroupOf(id, organizationId);
        var target = target(members, id, postId);
        var group = target.groupId();
        change.expected().require(group, () -> lifecycle.version(group));
        PostService.requireNoneBeingPublished(members);
        if (target.state() == PostState.PUBLISHED) {
            throw PublishedPostException.changing("Post " + postId);
        }
        apply(organizationId, id, members, change);
    }

    /**
     * Postiz's {@code PUT /posts/:id/settings}: merges the settings into the thread of a root post
     * that is a draft or queued for later; answers its publish date. Its alarms stay as they are.
     */
    @Transactional
    public Instant changeSettings(UUID organizationId, String postId, ObjectNode settings) {
        var id = Ids.parse(postId).orElseThrow(() -> PostNotFoundException.forPost(postId));
        var members = lifecycle.lockGroupOf(id, organizationId);
        var target = target(members, id, postId);
        if (target.threadIndex() > 0) {
            throw new PostChangeRefusedException("This id belongs to a comment, pass the id of the main post");
        }
        if (target.state() != PostState.QUEUE && target.state() != PostState.DRAFT) {
            throw new PostChangeRefusedException("Only a scheduled or draft post can change its settings");
        }
        if (target.state() == PostState.QUEUE && !target.publishDate().isAfter(clock.instant())) {
            throw new PostChangeRefusedException(
                    "The post's publish date has passed; its settings can no longer change");
        }
        PostService.requireNoneBeingPublished(members);
        apply(organizationId, id, members, new PostChange(null, null, null, null, settings, null));
        return target.publishDate();
    }

    /** The locked post of the group: 404 when it is no live post, 403 when it is another organization's. */
    private LockedPost target(List<LockedPost> members, UUID id, String postId) {
        return members.stream()
                .filter(member -> member.id().equals(id))
                .findFirst()
                .orElseThrow(() -> posts.existsByIdAndDeletedAtIsNull(id)
                        ? new PostAccessDeniedException("Post " + postId)
                        : PostNotFoundException.forPost(postId));
    }

    /** Applies a checked change to the locked group (none of it PUBLISHING, the post not PUBLISHED). */
    private void apply(UUID organizationId, UUID id, List<LockedPost> members, PostChange change) {
        var group = members.get(0).groupId();
        var unpublished = members.stream()
                .filter(member -> member.state() != PostState.PUBLISHED)
                .collect(Collectors.toMap(LockedPost::id, Function.identity()));
        var stored = posts.findAllById(unpublished.keySet());
        var post = stored.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        var edited = new ArrayList<EditedPost>();
        var queued = new LinkedHashMap<UUID, List<EditedPost>>();
        for (var member : stored) {
            var isPost = member.id().equals(id);
            var inThread = member.rootId().equals(post.rootId());
            if (!isPost && change.date() == null && !(inThread && change.settings() != null)) {
                continue;
            }
            var html = isPost && change.content() != null
                    ? Html.sanitized(change.content()).html()
                    : member.content();
            var images =
                    isPost && change.images() != null ? json.writeValueAsString(change.images()) : member.imageJson();
            var delay = isPost && change.delayMinutes() != null && member.threadIndex() > 0
                    ? change.delayMinutes()
                    : member.delayMinutes();
            var settings = inThread && change.settings() != null
                    ? merged(member.settingsJson(), change.settings())
                    : member.settingsJson();
            var date = change.date() == null ? member.publishDate() : change.date();
            var changed = member.edited(html, images, settings, delay, date);
            if (isPost && Html.text(html).isBlank() && "[]".equals(images)) {
                throw new EmptyPostException();
            }
            edited.add(changed);
            if (unpublished.get(member.id()).state() == PostState.QUEUE) {
                queued.computeIfAbsent(member.integrationId(), key -> new ArrayList<>())
                        .add(changed);
            }
        }
        rules.checkEdited(organizationId, queued);
        var now = clock.instant();
        lifecycle.edit(group, edited, now);
        var data = new LinkedHashMap<String, Object>();
        if (change.date() != null) {
            lifecycle.rearm(group, change.date(), now);
            data.put("from", ApiTime.format(post.publishDate()));
            data.put("to", ApiTime.format(change.date()));
        }
        data.put("changed", change.fields());
        events.record(
                EventType.POST_UPDATED,
                organizationId,
                group,
                edited.stream().map(EditedPost::id).sorted().toList(),
                data);
    }

    /** The given keys over the stored settings; {@code __type} stays the provider's. */
    private String merged(String settingsJson, ObjectNode given) {
        var settings = (ObjectNode) json.readTree(settingsJson);
        var provider = settings.get("__type");
        settings.setAll(given.deepCopy());
        if (provider == null) {
            settings.remove("__type");
        } else {
            settings.set("__type", provider);
        }
        return settings.toString();
    }

    /**
     * The state the edit gives the group's unpublished posts: {@code update} keeps each one's, and
     * new ones are queued if the group has queued posts, drafts otherwise.
     */
    private static PostState state(PostType type, List<LockedPost> members) {
        return switch (type) {
            case DRAFT -> PostState.DRAFT;
            case SCHEDULE, NOW -> PostState.QUEUE;
            case UPDATE ->
                members.stream().anyMatch(member -> member.state() == PostState.QUEUE)
                        ? PostState.QUEUE
                        : PostState.DRAFT;
        };
    }

    /**
     * Each entry's thread as the edit leaves it: the posts its values update (named by id, of the
     * group and the entry's integration, once each) or create. Published posts are never changed.
     */
    private static List<List<Slot>> layout(CreatePost command, List<UUID> integrations, Map<UUID, LockedPost> byId) {
        var named = new HashSet<UUID>();
        var layout = new ArrayList<List<Slot>>();
        for (int i = 0; i < command.entries().size(); i++) {
            var integration = integrations.get(i);
            var thread = new ArrayList<Slot>();
            for (var value : command.entries().get(i).values()) {
                var existing = value.id() == null
                        ? null
                        : Ids.parse(value.id())
                                .map(byId::get)
                                .filter(member -> member.integrationId().equals(integration))
                                .orElse(null);
                if (existing != null && existing.state() == PostState.PUBLISHED) {
                    if (command.type() == PostType.DRAFT || command.type() == PostType.UPDATE) {
                        throw PublishedPostException.changing("Post " + existing.id());
                    }
                    if (!command.republish()) {
                        throw new AlreadyPublishedException(existing.publishDate());
                    }
                    existing = null;
                }
                if (existing != null && !named.add(existing.id())) {
                    existing = null;
                }
                thread.add(existing == null ? new Slot(Ids.next(), null) : new Slot(existing.id(), existing));
            }
            layout.add(thread);
        }
        return layout;
    }

    /** The roots the edit kept get the request's tags, as its new roots do. */
    private void retag(List<List<Slot>> layout, Iterable<Tag> groupTags) {
        var roots = layout.stream()
                .map(thread -> thread.get(0))
                .filter(slot -> slot.existing() != null)
                .map(Slot::id)
                .toList();
        if (roots.isEmpty()) {
            return;
        }
        tags.untag(roots);
        for (var root : roots) {
            for (var tag : groupTags) {
                tags.tag(root, tag.id());
            }
        }
    }

    /** A place in a thread: the stored post it updates, or (null) the id of the post it creates. */
    private record Slot(UUID id, LockedPost existing) {}
}
