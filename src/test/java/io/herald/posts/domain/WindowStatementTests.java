package io.herald.posts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.posts.publishing.PostState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The window's statement holds the filters in use and no others: each shape plans on its own. */
class WindowStatementTests {

    private static final String SELECT = "select p.id from posts p join integrations i on i.id = p.integration_id\n";

    private static final UUID ORGANIZATION = UUID.fromString("01a23520-23c4-7241-b98c-c5d9e6b6ce46");

    private static final Instant START = Instant.parse("2030-05-01T00:00:00Z");

    private static final Instant END = Instant.parse("2030-06-01T00:00:00Z");

    @Test
    void withoutFiltersItIsTheWindowAlone() {
        var statement = window().customer(null).integration(null).states(Set.of());

        assertThat(statement.sql()).isEqualTo(SELECT + """
                        where p.organization_id = :organization
                          and p.parent_post_id is null and p.deleted_at is null
                          and p.publish_date between :start and :end
                        """);
        assertThat(statement.params()).containsOnlyKeys("organization", "start", "end");
    }

    @Test
    void eachFilterInUseAddsItsConditionAndNothingElse() {
        var customer = UUID.randomUUID();
        var integration = UUID.randomUUID();
        var statement = window().customer(customer)
                .integration(integration)
                .states(EnumSet.of(PostState.QUEUE, PostState.ERROR))
                .then("order by p.publish_date, p.id limit :limit", Map.of("limit", 11));

        assertThat(statement.sql()).endsWith("""
                          and p.publish_date between :start and :end
                          and i.customer_id = :customer
                          and p.integration_id = :integration
                          and p.state in (:states)
                        order by p.publish_date, p.id limit :limit""").doesNotContain("is null or");
        assertThat(statement.params())
                .containsEntry("customer", customer)
                .containsEntry("integration", integration)
                .containsEntry("states", List.of("ERROR", "QUEUE"))
                .containsEntry("limit", 11);
    }

    @Test
    void theSameFiltersMakeTheSameStatementWhateverTheirOrderOfStates() {
        var one = window().states(EnumSet.of(PostState.ERROR, PostState.DRAFT));
        var other = window().states(Set.of(PostState.DRAFT, PostState.ERROR));

        assertThat(one.sql()).isEqualTo(other.sql());
        assertThat(one.params()).isEqualTo(other.params());
    }

    private static WindowStatement window() {
        return new WindowStatement(SELECT, ORGANIZATION, START, END);
    }
}
