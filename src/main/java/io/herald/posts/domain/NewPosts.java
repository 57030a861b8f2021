package io.herald.posts.domain;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Inserts the posts a create or an edit makes, and the tags of their roots: plain SQL, one batch
 * for the posts and one for the tags, which the driver sends as one multi-row statement each
 * ({@code reWriteBatchedInserts}). A create spent a fifth of its time in the ORM's flush of the
 * same rows.
 */
@Repository
class NewPosts {

    private static final String INSERT_POST = """
            insert into posts (id, organization_id, group_id, integration_id, parent_post_id, root_post_id,
                               thread_index, content, image, settings, publish_date, delay_minutes, due_at, cluster,
                               state, creation_method, created_at, updated_at, interval_days)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String TAG_POST = "insert into post_tags (post_id, tag_id) values (?, ?)";

    private final JdbcTemplate jdbc;

    NewPosts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the posts in their order (a thread's parent before its items) and tags every root of them. */
    void insert(List<Post> posts, Collection<Tag> rootTags) {
        if (posts.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT_POST, posts, posts.size(), NewPosts::bind);
        var tagged = posts.stream()
                .filter(post -> post.threadIndex() == 0)
                .flatMap(root -> rootTags.stream().map(tag -> Map.entry(root.id(), tag.id())))
                .toList();
        if (!tagged.isEmpty()) {
            jdbc.batchUpdate(TAG_POST, tagged, tagged.size(), (statement, tag) -> {
                statement.setObject(1, tag.getKey());
                statement.setObject(2, tag.getValue());
            });
        }
    }

    private static void bind(PreparedStatement statement, Post post) throws SQLException {
        statement.setObject(1, post.id());
        statement.setObject(2, post.organizationId());
        statement.setObject(3, post.groupId());
        statement.setObject(4, post.integrationId());
        statement.setObject(5, post.parentPostId(), Types.OTHER);
        statement.setObject(6, post.rootPostId(), Types.OTHER);
        statement.setInt(7, post.threadIndex());
        statement.setString(8, post.content());
        statement.setObject(9, post.imageJson(), Types.OTHER);
        statement.setObject(10, post.settingsJson(), Types.OTHER);
        statement.setObject(11, timestamp(post.publishDate()));
        statement.setDouble(12, post.delayMinutes());
        statement.setObject(13, timestamp(post.dueAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(14, post.cluster());
        statement.setString(15, post.state().name());
        statement.setString(16, post.creationMethod());
        statement.setObject(17, timestamp(post.createdAt()));
        statement.setObject(18, timestamp(post.updatedAt()));
        statement.setObject(19, post.intervalDays(), Types.INTEGER);
    }

    private static Object timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
