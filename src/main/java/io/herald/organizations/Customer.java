package io.herald.organizations;

import io.herald.kernel.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "customers")
class Customer {

    @Id
    private UUID id;

    private UUID organizationId;

    private String name;

    private Instant createdAt;

    protected Customer() {}

    Customer(UUID organizationId, String name, Instant now) {
        this.id = Ids.next();
        this.organizationId = organizationId;
        this.name = name;
        this.createdAt = now;
    }

    CustomerRef toRef() {
        return new CustomerRef(id, name);
    }
}
