package io.herald.organizations;

import io.herald.kernel.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "organizations")
class Organization {

    @Id
    private UUID id;

    private String name;

    private Instant createdAt;

    protected Organization() {}

    Organization(String name, Instant now) {
        this.id = Ids.next();
        this.name = name;
        this.createdAt = now;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }
}
