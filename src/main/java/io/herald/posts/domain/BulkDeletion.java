package io.herald.posts.domain;

import io.herald.kernel.Ids;
import io.herald.posts.publishing.PostState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Deletes many posts or groups in one request, each entry in its own transaction with the rules of a
 * single delete ({@link PostService}), so one refused entry never undoes another and every deleted
 * post's alarms go as a single delete's do. A dry run asks each entry's preview instead. An entry
 * whose group an earlier entry of the same request deleted (or, in a dry run, would delete) is done
 * already: it is answered with empty lists and not tried again.
 */
@Service
public class BulkDeletion {

    /** The caller's groups with a live root in the window, in the list's order (by first date, then id). */
    private static final String MATCHING_GROUPS =
            "select p.group_id from posts p join integrations i on i.id = p.integration_id\n";

    private static final String GROUPS_OF = """
            select id, group_id from posts where organization_id = :organization and id in (:ids)
            """;

    private final PostService posts;

    private final JdbcClient jdbc;

    BulkDeletion(PostService posts, JdbcClient jdbc) {
        this.posts = posts;
        this.jdbc = jdbc;
    }

    /** One outcome per entry, in entry order. */
    public List<Outcome> delete(UUID organizationId, List<Entry> entries, boolean dryRun) {
        var groupsOfPosts = groupsOfPosts(organizationId, entries);
        var done = new HashSet<UUID>();
        var outcomes = new ArrayList<Outcome>(entries.size());
        for (var entry : entries) {
            var group = entry.group() ? Ids.parse(entry.id()) : Optional.ofNullable(groupsOfPosts.get(entry.id()));
            if (group.isPresent() && done.contains(group.get())) {
                outcomes.add(new Outcome(entry, List.of(), List.of(), List.of(), null));
                continue;
            }
            var outcome = dryRun ? preview(organizationId, entry) : delete(organizationId, entry);
            if (outcome.refusal() == null) {
                done.add(outcome.group());
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /**
     * The caller's groups that have a live root in the filter's window (and of its integration,
     * customer and states), at most {@code limit}: a caller that gets {@code limit} asked too much.
     */
    public List<UUID> groupsMatching(UUID organizationId, Filter filter, int limit) {
        var integration = filter.integration().map(Ids::parse);
        var customer = filter.customer().map(Ids::parse);
        if (integration.isPresent() && integration.get().isEmpty()
                || customer.isPresent() && customer.get().isEmpty()) {
            return List.of();
        }
        var statement = new WindowStatement(MATCHING_GROUPS, organizationId, filter.start(), filter.end())
                .integration(integration.flatMap(id -> id).orElse(null))
                .customer(customer.flatMap(id -> id).orElse(null))
                .states(filter.states())
                .then(
                        "group by p.group_id order by min(p.publish_date), p.group_id limit :limit",
                        Map.of("limit", limit));
        return jdbc.sql(statement.sql())
                .params(statement.params())
                .query(UUID.class)
                .list();
    }

    private Outcome delete(UUID organizationId, Entry entry) {
        try {
            var deletion = entry.group()
                    ? posts.deleteGroup(organizationId, entry.id(), ExpectedVersion.ANY)
                    : posts.deletePost(organizationId, entry.id(), ExpectedVersion.ANY);
            return new Outcome(entry, deletion.group(), deletion.deleted(), deletion.kept(), List.of(), null);
        } catch (PostNotFoundException
                | PostAccessDeniedException
                | PublishedPostException
                | PostBeingPublishedException refusal) {
            return new Outcome(entry, List.of(), List.of(), List.of(), refusal);
        }
    }

    private Outcome preview(UUID organizationId, Entry entry) {
        try {
            var preview = entry.group()
                    ? posts.previewDeleteGroup(organizationId, entry.id(), ExpectedVersion.ANY)
                    : posts.previewDeletePost(organizationId, entry.id(), ExpectedVersion.ANY);
            if (!preview.blocked().isEmpty()) {
                return new Outcome(
                        entry,
                        List.of(),
                        List.of(),
                        preview.blocked(),
                        new PostBeingPublishedException(preview.blocked().get(0)));
            }
            return new Outcome(entry, preview.group(), preview.deleted(), preview.kept(), List.of(), null);
        } catch (PostNotFoundException | PostAccessDeniedException | PublishedPostException refusal) {
            return new Outcome(entry, List.of(), List.of(), List.of(), refusal);
        }
    }

    /** The group of each post entry the caller owns (deleted or not), by the entry's id as given. */
    private Map<String, UUID> groupsOfPosts(UUID organizationId, List<Entry> entries) {
        var ids = new HashMap<UUID, String>();
        for (var entry : entries) {
            if (!entry.group()) {
                Ids.parse(entry.id()).ifPresent(id -> ids.put(id, entry.id()));
            }
        }
        var groups = new HashMap<String, UUID>();
        if (!ids.isEmpty()) {
            jdbc.sql(GROUPS_OF)
                    .param("organization", organizationId)
                    .param("ids", ids.keySet())
                    .query(rs -> {
                        groups.put(ids.get(rs.getObject("id", UUID.class)), rs.getObject("group_id", UUID.class));
                    });
        }
        return groups;
    }

    /** A post id ({@code group} false) or a group id to delete, as the request gave it. */
    public record Entry(String id, boolean group) {}

    /**
     * What became of an entry: the group it deleted (or would), its lists, or the refusal a single
     * delete would answer (for a dry run that meets a post being published, the members blocking it).
     */
    public record Outcome(
            Entry entry,
            UUID group,
            List<UUID> deleted,
            List<UUID> kept,
            List<UUID> blocked,
            RuntimeException refusal) {

        Outcome(Entry entry, List<UUID> deleted, List<UUID> kept, List<UUID> blocked, RuntimeException refusal) {
            this(entry, null, deleted, kept, blocked, refusal);
        }
    }

    /** The groups a filtered bulk delete takes: a live root in [start, end], optionally of one integration, customer, states. */
    public record Filter(
            Instant start,
            Instant end,
            Optional<String> integration,
            Optional<String> customer,
            Set<PostState> states) {}
}
