package io.herald.posts.domain;

import io.herald.kernel.Ids;
import io.herald.posts.publishing.GroupLifecycle;
import io.herald.posts.publishing.PostState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The read side of posts: one SQL statement per answer, no entities. */
@Service
public class PostQueries {

    /** A post as the list shows it; a thread item shows its root's tags (only roots carry tags). */
    private static final String ITEM = """
            select p.id, p.content, p.publish_date, p.release_url, p.release_id, p.state, p.error, p.group_id,
                   p.creation_method, p.settings, p.image, p.organization_id, p.root_post_id, p.interval_days,
                   coalesce((select json_agg(json_build_object('tag',
                                 json_build_object('id', t.id, 'name', t.name, 'color', t.color)) order by t.name)
                             from post_tags pt join tags t on t.id = pt.tag_id
                             where pt.post_id = coalesce(p.root_post_id, p.id)), '[]') as tags,
                   i.id as integration_id, i.identifier, i.name as integration_name, i.picture
            from posts p join integrations i on i.id = p.integration_id
            """;

    private static final String ONE = ITEM + "where p.id = :id and p.deleted_at is null";

    private static final String THREAD = """
            select id, content, image, delay_minutes, state, release_id, release_url, error from posts
            where root_post_id = :root and deleted_at is null
            order by thread_index
            """;

    private static final String MEMBERS = """
            select id, integration_id, state from posts where group_id = :group and deleted_at is null order by id
            """;

    private static final String OWN =
            ITEM + "where p.id = :id and p.organization_id = :organization and p.deleted_at is null";

    private static final String RECONCILING = """
            select integration_id, outcome_unknown from posts
            where id = :id and organization_id = :organization and deleted_at is null
            """;

    private final JdbcClient jdbc;

    private final GroupLifecycle lifecycle;

    PostQueries(JdbcClient jdbc, GroupLifecycle lifecycle) {
        this.jdbc = jdbc;
        this.lifecycle = lifecycle;
    }

    /**
     * The live post, with its thread's items (the whole thread, for a thread item too), its group's
     * live members and version; 404 unknown or deleted, 403 another organization's.
     */
    @Transactional(readOnly = true)
    public PostView post(UUID organizationId, String postId) {
        var id = Ids.parse(postId).orElseThrow(() -> PostNotFoundException.forPost(postId));
        var row = jdbc.sql(ONE)
                .param("id", id)
                .query((rs, n) -> new Owned(
                        rs.getObject("organization_id", UUID.class),
                        rs.getObject("root_post_id", UUID.class),
                        listed(rs)))
                .optional()
                .orElseThrow(() -> PostNotFoundException.forPost(postId));
        if (!row.organizationId().equals(organizationId)) {
            throw new PostAccessDeniedException("Post " + postId);
        }
        var post = row.post();
        var thread = jdbc.sql(THREAD)
                .param("root", row.rootId() == null ? post.id() : row.rootId())
                .query((rs, n) -> new PostView.ThreadItem(
                        rs.getObject("id", UUID.class),
                        rs.getString("content"),
                        rs.getString("image"),
                        rs.getDouble("delay_minutes"),
                        PostState.valueOf(rs.getString("state")),
                        rs.getString("release_id"),
                        rs.getString("release_url"),
                        rs.getString("error")))
                .list();
        var members = jdbc.sql(MEMBERS)
                .param("group", post.group())
                .query((rs, n) -> new PostView.Member(
                        rs.getObject("id", UUID.class),
                        rs.getObject("integration_id", UUID.class),
                        PostState.valueOf(rs.getString("state"))))
                .list();
        var publishing = members.stream().anyMatch(member -> member.state() == PostState.PUBLISHING);
        var editable = !publishing && members.stream().anyMatch(member -> member.state() != PostState.PUBLISHED);
        var deletable = !publishing && post.state() != PostState.PUBLISHED;
        return new PostView(post, thread, members, editable, deletable, lifecycle.version(post.group()));
    }

    /**
     * The organization's live root posts published (or to be) within [start, end], by date then id;
     * with a customer, only those of that customer's integrations.
     */
    @Transactional(readOnly = true)
    public List<ListedPost> list(UUID organizationId, Instant start, Instant end, String customer) {
        return list(organizationId, start, end, customer, ListFilter.NONE);
    }

    /**
     * {@link #list(UUID, Instant, Instant, String)} narrowed by the filter; with a limit, one more
     * post than the limit when there are more (the caller's sign of a next page).
     */
    @Transactional(readOnly = true)
    public List<ListedPost> list(UUID organizationId, Instant start, Instant end, String customer, ListFilter filter) {
        if (matchesNothing(customer) || matchesNothing(filter.integration())) {
            return List.of();
        }
        var after = filter.after();
        var statement = new WindowStatement(ITEM, organizationId, start, end)
                .customer(idOrNull(customer))
                .integration(idOrNull(filter.integration()))
                .states(filter.states());
        if (after != null) {
            statement.and(
                    "(p.publish_date, p.id) > (:afterDate, :afterId)",
                    Map.of("afterDate", after.publishDate().atOffset(ZoneOffset.UTC), "afterId", after.id()));
        }
        statement.then(
                "order by p.publish_date, p.id" + (filter.limit() == null ? "" : " limit :limit"),
                filter.limit() == null ? Map.of() : Map.of("limit", filter.limit() + 1));
        return jdbc.sql(statement.sql())
                .params(statement.params())
                .query((row, n) -> listed(row))
                .list();
    }

    /** The organization's live post (a root or a thread item), as {@code GET /posts} lists roots. */
    @Transactional(readOnly = true)
    public Optional<ListedPost> one(UUID organizationId, UUID postId) {
        return jdbc.sql(OWN)
                .param("organization", organizationId)
                .param("id", postId)
                .query((row, n) -> listed(row))
                .optional();
    }

    /** The organization's live post's integration, and whether it failed as outcome unknown. */
    @Transactional(readOnly = true)
    public Optional<Reconciling> reconciling(UUID organizationId, UUID postId) {
        return jdbc.sql(RECONCILING)
                .param("organization", organizationId)
                .param("id", postId)
                .query((row, n) ->
                        new Reconciling(row.getObject("integration_id", UUID.class), row.getBoolean("outcome_unknown")))
                .optional();
    }

    /** A filter id as the client wrote it (null or empty: no filter) that is no id: it matches no post. */
    private static boolean matchesNothing(String id) {
        return id != null && !id.isEmpty() && Ids.parse(id).isEmpty();
    }

    /** A filter id known to be well formed (see {@link #matchesNothing}), or null for no filter. */
    private static UUID idOrNull(String id) {
        return id == null || id.isEmpty() ? null : Ids.parse(id).orElseThrow();
    }

    private static ListedPost listed(ResultSet row) throws SQLException {
        return new ListedPost(
                row.getObject("id", UUID.class),
                row.getString("content"),
                row.getObject("publish_date", OffsetDateTime.class).toInstant(),
                row.getString("release_url"),
                row.getString("release_id"),
                PostState.valueOf(row.getString("state")),
                row.getString("error"),
                row.getObject("group_id", UUID.class),
                row.getString("creation_method"),
                row.getString("settings"),
                row.getString("image"),
                row.getString("tags"),
                row.getObject("integration_id", UUID.class),
                row.getString("identifier"),
                row.getString("integration_name"),
                row.getString("picture"),
                row.getObject("interval_days", Integer.class));
    }

    private record Owned(UUID organizationId, UUID rootId, ListedPost post) {}

    /** A post a user may reconcile: its integration, and whether its publication's outcome is unknown. */
    public record Reconciling(UUID integrationId, boolean outcomeUnknown) {}
}
