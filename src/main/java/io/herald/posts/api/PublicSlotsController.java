package io.herald.posts.api;

import io.herald.organizations.CallerOrganization;
import io.herald.posts.domain.PostingSlots;
import io.herald.web.PostizMessage;
import io.herald.web.PublicApi;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Postiz's {@code GET /public/v1/find-slot/{integration}}: the next free posting time of a channel. */
@RestController
class PublicSlotsController {

    /** Postiz's format here: UTC, whole minutes, no zone suffix (unlike every other date it writes). */
    private static final DateTimeFormatter SLOT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:00").withZone(ZoneOffset.UTC);

    private final PostingSlots slots;

    PublicSlotsController(PostingSlots slots) {
        this.slots = slots;
    }

    /** An integration the caller does not have is a {@code {"msg"}} 404, where Postiz would search forever. */
    @GetMapping(PublicApi.PATH + "/find-slot/{integration}")
    ResponseEntity<?> findSlot(CallerOrganization caller, @PathVariable String integration) {
        return slots.next(caller.id(), integration)
                .<ResponseEntity<?>>map(slot -> ResponseEntity.ok(new Slot(SLOT.format(slot))))
                .orElseGet(() -> PostizMessage.response(HttpStatus.NOT_FOUND, "Integration not found"));
    }

    record Slot(String date) {}
}
