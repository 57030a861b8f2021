package io.herald.posts.domain;

import io.herald.posts.publishing.PostState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A statement over an organization's live root posts ({@code posts p join integrations i}) published
 * (or to be) within a window, as the list and a bulk delete select them, holding only the filters in
 * use: one shape of statement per combination, each with a plan that uses the listing index. (One
 * statement with {@code (:x is null or ...)} for every filter got, once PostgreSQL switched it to its
 * generic plan after five runs, a nested loop over every integration of the installation: at a
 * million posts 213 ms against the listing index's 2.6 ms.)
 */
final class WindowStatement {

    private final StringBuilder sql;

    private final Map<String, Object> params = new LinkedHashMap<>();

    /** {@code select} ends with {@code from posts p join integrations i on i.id = p.integration_id}. */
    WindowStatement(String select, UUID organization, Instant start, Instant end) {
        sql = new StringBuilder(select).append("""
                where p.organization_id = :organization
                  and p.parent_post_id is null and p.deleted_at is null
                  and p.publish_date between :start and :end
                """);
        params.put("organization", organization);
        params.put("start", start.atOffset(ZoneOffset.UTC));
        params.put("end", end.atOffset(ZoneOffset.UTC));
    }

    /** Only the posts of the customer's integrations; a null customer is no filter. */
    WindowStatement customer(UUID customer) {
        return customer == null ? this : and("i.customer_id = :customer", "customer", customer);
    }

    /** Only the integration's posts; a null integration is no filter. */
    WindowStatement integration(UUID integration) {
        return integration == null ? this : and("p.integration_id = :integration", "integration", integration);
    }

    /** Only posts in these states; none is no filter. */
    WindowStatement states(Collection<PostState> states) {
        return states.isEmpty()
                ? this
                : and(
                        "p.state in (:states)",
                        "states",
                        states.stream().map(Enum::name).sorted().toList());
    }

    /** A condition of its own, with its parameters. */
    WindowStatement and(String condition, Map<String, Object> conditionParams) {
        sql.append("  and ").append(condition).append('\n');
        params.putAll(conditionParams);
        return this;
    }

    /** What follows the conditions (grouping, order, limit), with its parameters. */
    WindowStatement then(String tail, Map<String, Object> tailParams) {
        sql.append(tail);
        params.putAll(tailParams);
        return this;
    }

    String sql() {
        return sql.toString();
    }

    Map<String, Object> params() {
        return params;
    }

    private WindowStatement and(String condition, String name, Object value) {
        return and(condition, Map.of(name, value));
    }
}
