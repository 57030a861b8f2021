package io.herald.events;

import io.herald.integrations.IntegrationNeedsReconnecting;
import io.herald.kernel.ApiTime;
import io.herald.kernel.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Postiz's notifications, made from what an organization should hear about: failed and published
 * posts and disabled webhooks (from their events, in the event's transaction) and channels that
 * must be connected again (in the transaction that records it).
 */
@Component
class Notifications {

    static final int PAGE_SIZE = 100;

    private final JdbcClient jdbc;

    private final Clock clock;

    Notifications(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The notification an event makes, if it makes one ({@link Events} writes it with the event). */
    static Optional<Notice> of(Event event) {
        var data = event.data();
        return switch (event.type()) {
            case POST_FAILED ->
                Optional.of(new Notice(
                        (event.posts().size() == 1 ? "Post " : "Posts ") + ids(event.posts())
                                + " could not be published: " + data.get("error"),
                        null));
            case POST_PUBLISHED ->
                Optional.of(new Notice(
                        "Post " + ids(event.posts()) + " was published",
                        data.get("releaseURL") == null
                                ? null
                                : data.get("releaseURL").toString()));
            case WEBHOOK_DISABLED ->
                Optional.of(new Notice("Webhook " + data.get("url") + " was disabled: " + data.get("reason"), null));
            // the rest are the organization's own doings: the feed and history have them
            default -> Optional.empty();
        };
    }

    @EventListener
    void integrationNeedsReconnecting(IntegrationNeedsReconnecting event) {
        add(
                event.organizationId(),
                "Your " + event.provider() + " channel must be connected again: " + event.reason(),
                "/public/v1/social/" + event.provider());
    }

    /** Page {@code page} (from 0) of the organization's notifications, newest first. */
    NotificationPage page(UUID organization, int page) {
        var total = jdbc.sql("select count(*) from notifications where organization_id = :organization")
                .param("organization", organization)
                .query(Long.class)
                .single();
        var shown = jdbc.sql("""
                        select id, content, link, created_at from notifications where organization_id = :organization
                        order by created_at desc, id desc limit :limit offset :offset""")
                .param("organization", organization)
                .param("limit", PAGE_SIZE)
                .param("offset", (long) page * PAGE_SIZE)
                .query((rs, row) -> new Notification(
                        rs.getString("id"),
                        rs.getString("content"),
                        rs.getString("link"),
                        ApiTime.format(
                                rs.getObject("created_at", OffsetDateTime.class).toInstant())))
                .list();
        return new NotificationPage(shown, total, page, PAGE_SIZE, (long) (page + 1) * PAGE_SIZE < total);
    }

    private void add(UUID organization, String content, String link) {
        jdbc.sql("""
                        insert into notifications (id, organization_id, content, link, created_at)
                        values (:id, :organization, :content, :link, :now)""")
                .param("id", Ids.next())
                .param("organization", organization)
                .param("content", content)
                .param("link", link)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    private static String ids(List<UUID> posts) {
        return posts.stream().map(UUID::toString).collect(Collectors.joining(", "));
    }

    /** What a notification says, and where it points (null: nowhere). */
    record Notice(String content, String link) {}

    record Notification(String id, String content, String link, String createdAt) {}

    /** Postiz's page shape. */
    record NotificationPage(List<Notification> notifications, long total, int page, int limit, boolean hasMore) {}
}
