package io.herald.posts.domain;

import io.herald.events.PostGroups;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The group and organization of any stored post, deleted ones included, for the events' history. */
@Component
class PostGroupLookup implements PostGroups {

    private final JdbcClient jdbc;

    PostGroupLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Owner> groupOf(UUID post) {
        return jdbc.sql("select group_id, organization_id from posts where id = :id")
                .param("id", post)
                .query((rs, row) ->
                        new Owner(rs.getObject("group_id", UUID.class), rs.getObject("organization_id", UUID.class)))
                .optional();
    }
}
