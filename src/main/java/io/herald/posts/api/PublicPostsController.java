package io.herald.posts.api;

import io.herald.kernel.ApiTime;
import io.herald.organizations.CallerOrganization;
import io.herald.posts.domain.ExpectedVersion;
import io.herald.posts.domain.PostQueries;
import io.herald.posts.domain.PostService;
import io.herald.posts.domain.PostType;
import io.herald.web.PublicApi;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
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
 * Postiz's posts routes: create, list, delete by post and by group (with Herald's dry run), and the
 * newer CLI's status change.
 */
@RestController
@RequestMapping(PublicApi.PATH + "/posts")
class PublicPostsController {

    private final PostService posts;

    private final PostQueries queries;

    private final JsonMapper json;

    PublicPostsController(PostService posts, PostQueries queries, JsonMapper json) {
        this.posts = posts;
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
        return posts.create(request).stream().map(PostResponses.Created::of).toList();
    }

    @GetMapping
    PostResponses.Listing list(
            CallerOrganization caller,
            @RequestParam(required = false) String startDate,
            @RequestParam(required = false) String endDate,
            @RequestParam(required = false) String customer) {
        var start = ApiTime.parse(startDate, true);
        var end = ApiTime.parse(endDate, true);
        var errors = new ArrayList<String>();
        if (start.isEmpty()) {
            errors.add("startDate must be a valid ISO 8601 date string");
        }
        if (end.isEmpty()) {
            errors.add("endDate must be a valid ISO 8601 date string");
        }
        if (!errors.isEmpty()) {
            throw InvalidRequestException.fields(errors);
        }
        var listed = queries.list(caller.id(), start.get(), end.get(), customer);
        return new PostResponses.Listing(
                listed.stream().map(PostResponses.Item::of).toList());
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
