package io.herald.posts.api;

import io.herald.kernel.ApiTime;
import io.herald.organizations.CallerOrganization;
import io.herald.posts.domain.ExpectedVersion;
import io.herald.posts.domain.GroupEditing;
import io.herald.posts.domain.PostQueries;
import io.herald.posts.domain.PostService;
import io.herald.posts.domain.PostType;
import io.herald.web.PublicApi;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Postiz's posts routes: create (and edit), list, delete by post and by group (with Herald's dry
 * run), the newer CLI's status change; and Herald's read and change of one post.
 */
@RestController
@RequestMapping(PublicApi.PATH + "/posts")
class PublicPostsController {

    private final PostService posts;

    private final GroupEditing editing;

    private final PostQueries queries;

    private final JsonMapper json;

    PublicPostsController(PostService posts, GroupEditing editing, PostQueries queries, JsonMapper json) {
        this.posts = posts;
        this.editing = editing;
        this.queries = queries;
        this.json = json;
    }

    /**
     * The body is read from the raw stream, whatever its declared content type: curl scripts that
     * forget {@code -H 'Content-Type: application/json'} work too.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    List<PostResponses.Created> create(CallerOrganization caller, InputStream body) {
        var request = CreatePostParser.parse(json.readTree(body), caller.id());
        var created = request.isEdit() ? editing.edit(request) : posts.create(request);
        return created.stream().map(PostResponses.Created::of).toList();
    }

    /** Without {@code limit} Postiz's answer exactly; with it a page and the cursor of the next one. */
    @GetMapping
    PostResponses.Listing list(
            CallerOrganization caller,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) String customer,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String integration,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        var start = ApiTime.parse(startDate, true);
        var end = ApiTime.parse(endDate, true);
        var errors = new ArrayList<String>();
        if (start.isEmpty()) {
            errors.add("startDate must be a valid ISO 8601 date string");
        }
        if (end.isEmpty()) {
            errors.add("endDate must be a valid ISO 8601 date string");
        }
        var filter = ListParameters.filter(state, integration, limit, cursor, errors);
        if (!errors.isEmpty()) {
            throw InvalidRequestException.fields(errors);
        }
        var listed = queries.list(caller.id(), start.get(), end.get(), customer, filter);
        if (filter.limit() == null) {
            return PostResponses.Listing.of(listed);
        }
        var page = listed.subList(0, Math.min(filter.limit(), listed.size()));
        return PostResponses.Listing.page(
                page, listed.size() > filter.limit() ? ListParameters.cursor(page.get(page.size() - 1)) : null);
    }

    /** Herald's own: one post with its thread and group; the ETag is the group's version. */
    @GetMapping("/{id}")
    ResponseEntity<PostResponses.Detail> get(CallerOrganization caller, @PathVariable String id) {
        return PostResponses.Detail.answer(queries.post(caller.id(), id));
    }

    /** Herald's own: reschedule the group or correct the post, honouring {@code If-Match}. */
    @PatchMapping("/{id}")
    ResponseEntity<PostResponses.Detail> change(
            CallerOrganization caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            InputStream body) {
        var change = CreatePostParser.parseChange(json.readTree(body), ExpectedVersion.ifMatch(ifMatch));
        editing.change(caller.id(), id, change);
        return PostResponses.Detail.answer(queries.post(caller.id(), id));
    }

    /**
     * With {@code dryRun=true}, what the delete would do now, and nothing changes (spec §10.1); with
     * {@code If-Match}, only the group at that version is deleted (§10.3).
     */
    @DeleteMapping("/{id}")
    Object delete(
            CallerOrganization caller,
            @PathVariable String id,
            @RequestParam(required = false) String dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var expected = ExpectedVersion.ifMatch(ifMatch);
        if (dryRun(dryRun)) {
            return PostResponses.DryRun.answer(id, posts.previewDeletePost(caller.id(), id, expected));
        }
        return PostResponses.Deleted.of(id, posts.deletePost(caller.id(), id, expected));
    }

    /** The newer CLI's {@code posts:status}: the whole group to drafts or to the queue. */
    @PutMapping("/{id}/status")
    PostResponses.StatusChanged changeStatus(CallerOrganization caller, @PathVariable String id, InputStream body) {
        var status = json.readTree(body).path("status");
        var target = status.isString() ? status.asString() : "";
        if (!target.equals("draft") && !target.equals("schedule")) {
            throw InvalidRequestException.fields(
                    List.of("status must be one of the following values: draft, schedule"));
        }
        var state = posts.changeStatus(caller.id(), id, target.equals("draft") ? PostType.DRAFT : PostType.SCHEDULE);
        return new PostResponses.StatusChanged(id, state.state());
    }

    /** Postiz's settings change: merged into the root post's thread; answers its publish date. */
    @PutMapping("/{id}/settings")
    PostResponses.SettingsChanged changeSettings(CallerOrganization caller, @PathVariable String id, InputStream body) {
        var settings = CreatePostParser.parseSettings(json.readTree(body));
        var publishDate = editing.changeSettings(caller.id(), id, settings);
        return new PostResponses.SettingsChanged(id, ApiTime.format(publishDate));
    }

    @DeleteMapping("/group/{group}")
    Object deleteGroup(
            CallerOrganization caller,
            @PathVariable String group,
            @RequestParam(required = false) String dryRun,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var expected = ExpectedVersion.ifMatch(ifMatch);
        if (dryRun(dryRun)) {
            return PostResponses.DryRun.answer(null, posts.previewDeleteGroup(caller.id(), group, expected));
        }
        return PostResponses.Deleted.of(null, posts.deleteGroup(caller.id(), group, expected));
    }

    /** {@code dryRun} is {@code true} or {@code false}; anything else is refused rather than taken for a real delete. */
    private static boolean dryRun(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw InvalidRequestException.fields(List.of("dryRun must be a boolean value"));
    }
}
