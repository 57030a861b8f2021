package io.herald.events;

import io.herald.web.ErrorResponses;
import io.herald.web.NestError;
import io.herald.web.PublicApi;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The events module's expected errors, in the Nest-style bodies of /public/v1 and as problems under /admin. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class EventsExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(EventsExceptionHandler.class);

    @ExceptionHandler(InvalidEventRequestException.class)
    ResponseEntity<?> invalid(HttpServletRequest request, InvalidEventRequestException e) {
        log.warn("400: {}", e.getMessage());
        return PublicApi.isPublic(request)
                ? NestError.response(HttpStatus.BAD_REQUEST, e.messages())
                : ErrorResponses.of(request, HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(WebhookNotFoundException.class)
    ResponseEntity<Object> webhook(HttpServletRequest request, WebhookNotFoundException e) {
        log.warn("{}", e.getMessage());
        return e.denied()
                ? ErrorResponses.of(request, HttpStatus.FORBIDDEN, "Access denied")
                : ErrorResponses.of(request, HttpStatus.NOT_FOUND, "Webhook not found");
    }

    @ExceptionHandler(HistoryNotFoundException.class)
    ResponseEntity<Object> history(HttpServletRequest request, HistoryNotFoundException e) {
        log.warn("{}", e.getMessage());
        return e.denied()
                ? ErrorResponses.of(request, HttpStatus.FORBIDDEN, "Access denied")
                : ErrorResponses.of(request, HttpStatus.NOT_FOUND, "Post not found");
    }
}
