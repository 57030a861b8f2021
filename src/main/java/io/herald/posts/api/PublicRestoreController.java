package io.herald.posts.api;

import io.herald.organizations.CallerOrganization;
import io.herald.posts.domain.GroupRestore;
import io.herald.web.PublicApi;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Herald's undo of a delete, by any post of the group or by the group (spec §10.4). */
@RestController
@RequestMapping(PublicApi.PATH + "/posts")
class PublicRestoreController {

    private final GroupRestore restore;

    PublicRestoreController(GroupRestore restore) {
        this.restore = restore;
    }

    @PostMapping("/{id}/restore")
    Restored restorePost(CallerOrganization caller, @PathVariable String id) {
        return Restored.of(restore.restorePost(caller.id(), id));
    }

    @PostMapping("/group/{group}/restore")
    Restored restoreGroup(CallerOrganization caller, @PathVariable String group) {
        return Restored.of(restore.restoreGroup(caller.id(), group));
    }

    /** {@code restored}: every post that came back; {@code drafted}: those of them that came back as drafts. */
    record Restored(boolean success, UUID group, List<UUID> restored, List<UUID> drafted) {

        static Restored of(GroupRestore.Restored restored) {
            return new Restored(true, restored.group(), restored.restored(), restored.drafted());
        }
    }
}
