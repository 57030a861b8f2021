package io.herald.posts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.organizations.CallerOrganization;
import io.herald.posts.domain.BulkDeletion;
import io.herald.posts.domain.PostAccessDeniedException;
import io.herald.posts.domain.PostBeingPublishedException;
import io.herald.posts.domain.PostNotFoundException;
import io.herald.posts.domain.PublishedPostException;
import io.herald.web.PublicApi;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /public/v1/posts/bulk-delete} (spec §10.2): the seed's loop of deletes as one request,
 * one result per entry in request order, each entry a delete of its own.
 */
@RestController
class PublicBulkDeleteController {

    /** A filter that matches more groups than this is refused: the caller narrows it. */
    static final int MAX_FILTERED_GROUPS = 10_000;

    private final BulkDeletion deletion;

    private final JsonMapper json;

    PublicBulkDeleteController(BulkDeletion deletion, JsonMapper json) {
        this.deletion = deletion;
        this.json = json;
    }

    @PostMapping(PublicApi.PATH + "/posts/bulk-delete")
    Answer bulkDelete(CallerOrganization caller, InputStream body) {
        var request = BulkDeleteParser.parse(json.readTree(body));
        var entries = request.entries();
        if (request.filter().isPresent()) {
            var groups = deletion.groupsMatching(caller.id(), request.filter().get(), MAX_FILTERED_GROUPS + 1);
            if (groups.size() > MAX_FILTERED_GROUPS) {
                throw InvalidRequestException.message("The filter matches more than " + MAX_FILTERED_GROUPS
                        + " groups; narrow it (a shorter window, an integration, a customer or a state)");
            }
            entries = groups.stream()
                    .map(group -> new BulkDeletion.Entry(group.toString(), true))
                    .toList();
        }
        var outcomes = deletion.delete(caller.id(), entries, request.dryRun());
        var results = outcomes.stream()
                .map(outcome -> Result.of(outcome, request.dryRun()))
                .toList();
        var deleted = outcomes.stream()
                .filter(outcome -> outcome.refusal() == null)
                .mapToInt(outcome -> outcome.deleted().size())
                .sum();
        var failed = (int)
                outcomes.stream().filter(outcome -> outcome.refusal() != null).count();
        return new Answer(results, deleted, failed, request.dryRun() ? Boolean.TRUE : null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Answer(List<Result> results, int deleted, int failed, Boolean dryRun) {}

    /** One entry's result: {@code id} or {@code group} as the entry named it, and what a single delete would answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(
            String id,
            String group,
            int status,
            List<UUID> deleted,
            List<UUID> kept,
            List<UUID> blocked,
            String message) {

        static Result of(BulkDeletion.Outcome outcome, boolean dryRun) {
            var entry = outcome.entry();
            var refusal = outcome.refusal();
            var status = refusal == null ? HttpStatus.OK : status(refusal);
            return new Result(
                    entry.group() ? null : entry.id(),
                    entry.group() ? entry.id() : null,
                    status.value(),
                    outcome.deleted(),
                    outcome.kept(),
                    dryRun ? outcome.blocked() : null,
                    refusal == null ? null : message(refusal));
        }

        /** The status a single delete answers for this refusal (see {@link PostsExceptionHandler}). */
        private static HttpStatus status(RuntimeException refusal) {
            if (refusal instanceof PostNotFoundException) {
                return HttpStatus.NOT_FOUND;
            }
            if (refusal instanceof PostBeingPublishedException) {
                return HttpStatus.CONFLICT;
            }
            return HttpStatus.FORBIDDEN;
        }

        /** The message a single delete answers for this refusal, word for word. */
        private static String message(RuntimeException refusal) {
            if (refusal instanceof PostNotFoundException notFound) {
                return notFound.isGroup() ? "Group not found" : "Post not found";
            }
            if (refusal instanceof PostAccessDeniedException) {
                return "Access denied";
            }
            if (refusal instanceof PublishedPostException published) {
                return "Published posts cannot be " + published.refused();
            }
            return "Post is being published, try again shortly";
        }
    }
}
