package io.herald.posts.api;

import io.herald.posts.domain.AlreadyPublishedException;
import io.herald.posts.domain.EmptyPostException;
import io.herald.posts.domain.PostAccessDeniedException;
import io.herald.posts.domain.PostBeingPublishedException;
import io.herald.posts.domain.PostChangeRefusedException;
import io.herald.posts.domain.PostNotDeletedException;
import io.herald.posts.domain.PostNotFoundException;
import io.herald.posts.domain.ProviderRuleException;
import io.herald.posts.domain.PublishedPostException;
import io.herald.posts.domain.StaleVersionException;
import io.herald.posts.domain.UnknownIntegrationException;
import io.herald.web.ErrorResponses;
import io.herald.web.NestError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The posts module's expected errors, in Postiz's exact bodies under /public/v1 and as problems
 * elsewhere (deleting an integration through the admin API can meet a post being published).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PostsExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PostsExceptionHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<NestError> invalid(InvalidRequestException e) {
        log.warn("400: {}", e.getMessage());
        return NestError.response(HttpStatus.BAD_REQUEST, e.body());
    }

    @ExceptionHandler(UnknownIntegrationException.class)
    ResponseEntity<Object> unknownIntegration(HttpServletRequest request, UnknownIntegrationException e) {
        return warn(request, HttpStatus.BAD_REQUEST, e.getMessage(), e);
    }

    @ExceptionHandler(ProviderRuleException.class)
    ResponseEntity<PostResponses.ProviderError> providerRule(ProviderRuleException e) {
        log.warn("Refused by provider rules: {}", e.getMessage());
        return ResponseEntity.badRequest()
                .body(new PostResponses.ProviderError(400, e.provider(), e.integrationName(), e.getMessage()));
    }

    @ExceptionHandler(EmptyPostException.class)
    ResponseEntity<NestError> empty(EmptyPostException e) {
        log.warn("400: {}", e.getMessage());
        return NestError.response(HttpStatus.BAD_REQUEST, List.of(e.getMessage()));
    }

    @ExceptionHandler({AlreadyPublishedException.class, PostChangeRefusedException.class})
    ResponseEntity<Object> refusedChange(HttpServletRequest request, RuntimeException e) {
        return warn(request, HttpStatus.BAD_REQUEST, e.getMessage(), e);
    }

    @ExceptionHandler(PostNotFoundException.class)
    ResponseEntity<Object> notFound(HttpServletRequest request, PostNotFoundException e) {
        return warn(request, HttpStatus.NOT_FOUND, e.isGroup() ? "Group not found" : "Post not found", e);
    }

    @ExceptionHandler(PostAccessDeniedException.class)
    ResponseEntity<Object> accessDenied(HttpServletRequest request, PostAccessDeniedException e) {
        return warn(request, HttpStatus.FORBIDDEN, "Access denied", e);
    }

    @ExceptionHandler(PublishedPostException.class)
    ResponseEntity<Object> published(HttpServletRequest request, PublishedPostException e) {
        return warn(request, HttpStatus.FORBIDDEN, "Published posts cannot be " + e.refused(), e);
    }

    @ExceptionHandler(PostBeingPublishedException.class)
    ResponseEntity<Object> publishing(HttpServletRequest request, PostBeingPublishedException e) {
        return warn(request, HttpStatus.CONFLICT, "Post is being published, try again shortly", e);
    }

    @ExceptionHandler(PostNotDeletedException.class)
    ResponseEntity<Object> notDeleted(HttpServletRequest request, PostNotDeletedException e) {
        return warn(request, HttpStatus.BAD_REQUEST, "Post is not deleted", e);
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<Object> stale(HttpServletRequest request, StaleVersionException e) {
        return warn(request, HttpStatus.PRECONDITION_FAILED, "Post was changed since it was read", e);
    }

    private static ResponseEntity<Object> warn(
            HttpServletRequest request, HttpStatus status, String message, Exception e) {
        log.warn("{}: {}", status.value(), e.getMessage());
        return ErrorResponses.of(request, status, message);
    }
}
