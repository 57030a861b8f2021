package io.herald.posts.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A label an organization puts on posts; created the first time a post uses it. */
@Entity
@Table(name = "tags")
class Tag {

    static final String DEFAULT_COLOR = "#612BD3";

    @Id
    private UUID id;

    private UUID organizationId;

    private String name;

    private String color;

    private Instant createdAt;

    protected Tag() {}

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }
}
