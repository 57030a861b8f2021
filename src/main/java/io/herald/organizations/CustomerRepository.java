package io.herald.organizations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CustomerRepository extends JpaRepository<Customer, UUID> {

    Optional<Customer> findByIdAndOrganizationId(UUID id, UUID organizationId);

    List<Customer> findByOrganizationIdOrderByName(UUID organizationId);
}
