package io.herald.posts.api;

import io.herald.posts.domain.PostAccessDeniedException;
import io.herald.posts.domain.PostBeingPublishedException;
import io.herald.posts.domain.PostNotFoundException;
import io.herald.posts.domain.ProviderRuleException;
import io.herald.posts.domain.PublishedPostException;
import io.herald.posts.domain.UnknownIntegrationException;
import io.herald.web.NestError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The posts routes' expected errors, in Postiz's exact bodies. */
@RestControllerAdvice(basePackageClasses = PostsExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PostsExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PostsExceptionHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<NestError> invalid(InvalidRequestException e) {
        return warn(HttpStatus.BAD_REQUEST, e.body(), e);
    }

    @ExceptionHandler(UnknownIntegrationException.class)
    ResponseEntity<NestError> unknownIntegration(UnknownIntegrationException e) {
        return warn(HttpStatus.BAD_REQUEST, e.getMessage(), e);
    }

    @ExceptionHandler(ProviderRuleException.class)
    ResponseEntity<PostResponses.ProviderError> providerRule(ProviderRuleException e) {
        log.warn("Refused by provider rules: {}", e.getMessage());
        return ResponseEntity.badRequest()
                .body(new PostResponses.ProviderError(400, e.provider(), e.integrationName(), e.getMessage()));
    }

    @ExceptionHandler(PostNotFoundException.class)
    ResponseEntity<NestError> notFound(PostNotFoundException e) {
        return warn(HttpStatus.NOT_FOUND, e.isGroup() ? "Group not found" : "Post not found", e);
    }

    @ExceptionHandler(PostAccessDeniedException.class)
    ResponseEntity<NestError> accessDenied(PostAccessDeniedException e) {
        return warn(HttpStatus.FORBIDDEN, "Access denied", e);
    }

    @ExceptionHandler(PublishedPostException.class)
    ResponseEntity<NestError> published(PublishedPostException e) {
        return warn(HttpStatus.FORBIDDEN, "Published posts cannot be " + e.refused(), e);
    }

    @ExceptionHandler(PostBeingPublishedException.class)
    ResponseEntity<NestError> publishing(PostBeingPublishedException e) {
        return warn(HttpStatus.CONFLICT, "Post is being published, try again shortly", e);
    }

    private static ResponseEntity<NestError> warn(HttpStatus status, Object message, Exception e) {
        log.warn("{}: {}", status.value(), e.getMessage());
        return NestError.response(status, message);
    }
}
