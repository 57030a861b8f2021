package io.herald.events;

import io.herald.organizations.CallerOrganization;
import io.herald.web.PublicApi;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit routes (spec §11): the change feed, a post's group's history, and Postiz's notifications. */
@RestController
class PublicEventsController {

    private static final int DEFAULT_LIMIT = 100;

    private static final int MAX_LIMIT = 1000;

    private final EventQueries queries;

    private final Notifications notifications;

    PublicEventsController(EventQueries queries, Notifications notifications) {
        this.queries = queries;
        this.notifications = notifications;
    }

    /** The organization's events after {@code after} (from the first without it), oldest first. */
    @GetMapping(PublicApi.PATH + "/events")
    Feed feed(
            CallerOrganization caller,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit) {
        var cursor = after == null || after.isEmpty()
                ? FeedCursor.START
                : FeedCursor.decode(after)
                        .orElseThrow(() -> new InvalidEventRequestException(
                                List.of("after must be a cursor given as nextCursor")));
        var page = queries.page(caller.id(), cursor, limit(limit));
        return new Feed(
                page.events().stream().map(EventView::of).toList(), page.next().encode());
    }

    @GetMapping(PublicApi.PATH + "/posts/{id}/history")
    History history(CallerOrganization caller, @PathVariable String id) {
        return new History(
                queries.history(caller.id(), id).stream().map(EventView::of).toList());
    }

    /** Postiz's notifications, newest first, 100 a page ({@code page} from 0). */
    @GetMapping(PublicApi.PATH + "/notifications")
    Notifications.NotificationPage notifications(
            CallerOrganization caller, @RequestParam(required = false) String page) {
        var number = 0;
        if (page != null && !page.isEmpty()) {
            try {
                number = Integer.parseInt(page);
            } catch (NumberFormatException e) {
                throw new InvalidEventRequestException(List.of("page must be an integer number"));
            }
            if (number < 0) {
                throw new InvalidEventRequestException(List.of("page must not be less than 0"));
            }
        }
        return notifications.page(caller.id(), number);
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int value;
        try {
            value = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidEventRequestException(List.of("limit must be an integer number"));
        }
        if (value < 1) {
            throw new InvalidEventRequestException(List.of("limit must not be less than 1"));
        }
        if (value > MAX_LIMIT) {
            throw new InvalidEventRequestException(List.of("limit must not be greater than " + MAX_LIMIT));
        }
        return value;
    }

    record Feed(List<EventView> events, String nextCursor) {}

    record History(List<EventView> events) {}
}
