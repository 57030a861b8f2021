package io.herald.posts.api;

import io.herald.integrations.PlatformException;
import io.herald.integrations.UnknownReleaseException;
import io.herald.kernel.StorableText;
import io.herald.organizations.CallerOrganization;
import io.herald.posts.domain.NotReconcilableException;
import io.herald.posts.domain.PostQueries;
import io.herald.posts.domain.PostReconciliation;
import io.herald.web.NestError;
import io.herald.web.PublicApi;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Postiz's {@code GET /public/v1/posts/{id}/missing} and {@code PUT /public/v1/posts/{id}/release-id}
 * (the CLI's {@code posts:missing} and {@code posts:connect}), for a post whose publication outcome
 * is unknown; every other post is refused with 400.
 */
@RestController
class PostReconciliationController {

    private static final Logger log = LoggerFactory.getLogger(PostReconciliationController.class);

    static final String NOT_RECONCILABLE =
            "Only a post whose publication outcome is unknown can be connected to a release";

    /** Longer than any platform's post id or URI. */
    private static final int MAX_RELEASE_ID = 1000;

    private final PostReconciliation reconciliation;

    private final PostQueries queries;

    private final JsonMapper json;

    PostReconciliationController(PostReconciliation reconciliation, PostQueries queries, JsonMapper json) {
        this.reconciliation = reconciliation;
        this.queries = queries;
        this.json = json;
    }

    @GetMapping(PublicApi.PATH + "/posts/{id}/missing")
    List<PlatformPost> missing(CallerOrganization caller, @PathVariable String id) {
        return reconciliation.missing(caller.id(), id).stream()
                .map(release -> new PlatformPost(release.id(), release.url()))
                .toList();
    }

    /** Body {@code {"releaseId"}}, read whatever its declared content type; answers the post as §9.3 shows it. */
    @PutMapping(PublicApi.PATH + "/posts/{id}/release-id")
    ResponseEntity<PostResponses.Detail> connect(CallerOrganization caller, @PathVariable String id, InputStream body) {
        var request = json.readTree(body);
        var releaseId = request == null ? null : request.path("releaseId");
        if (releaseId == null
                || !releaseId.isString()
                || releaseId.asString().isBlank()
                || releaseId.asString().length() > MAX_RELEASE_ID
                || !StorableText.isStorable(releaseId.asString())) {
            throw InvalidRequestException.fields(
                    List.of("releaseId must be a non-empty string of at most " + MAX_RELEASE_ID + " characters"));
        }
        reconciliation.connect(caller.id(), id, releaseId.asString().strip());
        return PostResponses.Detail.answer(queries.post(caller.id(), id));
    }

    @ExceptionHandler(NotReconcilableException.class)
    ResponseEntity<NestError> notReconcilable(NotReconcilableException e) {
        log.warn("400: {}", e.getMessage());
        return NestError.response(HttpStatus.BAD_REQUEST, NOT_RECONCILABLE);
    }

    @ExceptionHandler(UnknownReleaseException.class)
    ResponseEntity<NestError> unknownRelease(UnknownReleaseException e) {
        log.warn("400: {}", e.getMessage());
        return NestError.response(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** The platform refused the lookup or could not be reached: its message says which. */
    @ExceptionHandler(PlatformException.class)
    ResponseEntity<NestError> platformFailed(PlatformException e) {
        log.warn("502: {}", e.getMessage());
        return NestError.response(HttpStatus.BAD_GATEWAY, e.getMessage());
    }

    /** A post of the account on its platform, as Postiz lists it. */
    record PlatformPost(String id, String url) {}
}
