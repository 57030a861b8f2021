package io.herald.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The errors no module maps itself: unknown routes, wrong methods, unreadable or oversized bodies,
 * an unavailable database and everything unexpected. Modules' own advice runs before this one.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class HeraldExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(HeraldExceptionHandler.class);

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Object> unknownRoute(HttpServletRequest request) {
        return ErrorResponses.of(request, HttpStatus.NOT_FOUND, ErrorResponses.cannot(request), "No such route");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> wrongMethod(HttpServletRequest request, HttpRequestMethodNotSupportedException e) {
        var response = ErrorResponses.of(
                request,
                HttpStatus.METHOD_NOT_ALLOWED,
                ErrorResponses.cannot(request),
                "Method " + request.getMethod() + " is not supported here");
        return ResponseEntity.status(response.getStatusCode())
                .headers(e.getHeaders())
                .headers(response.getHeaders())
                .body(response.getBody());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, JacksonException.class})
    ResponseEntity<Object> unreadable(HttpServletRequest request, Exception e) {
        if (causedBy(e, PayloadTooLargeException.class)) {
            return tooLarge(request);
        }
        var parser = findCause(e, JacksonException.class);
        var message = parser instanceof DatabindException databind
                ? wrongType(databind)
                : parser != null ? parserMessage(parser) : "Request body is missing or unreadable";
        // Not the parser's message: it may quote the body, and bodies carry secrets (integration configs).
        log.warn(
                "Unreadable request body on {} {}{}",
                request.getMethod(),
                request.getRequestURI(),
                parser != null ? location(parser) : "");
        return ErrorResponses.of(request, HttpStatus.BAD_REQUEST, message);
    }

    @ExceptionHandler({PayloadTooLargeException.class, MaxUploadSizeExceededException.class})
    ResponseEntity<Object> tooLarge(HttpServletRequest request) {
        return ErrorResponses.of(
                request, HttpStatus.PAYLOAD_TOO_LARGE, "Request entity too large", "Request body is too large");
    }

    private ResponseEntity<Object> databaseUnavailable(HttpServletRequest request, Exception e) {
        log.error("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), rootCause(e));
        return ErrorResponses.of(
                request, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", "The database is unavailable");
    }

    /** An admin body that breaks its record's constraints: every broken field, in one detail. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Object> invalid(HttpServletRequest request, MethodArgumentNotValidException e) {
        var errors = e.getFieldErrors().stream()
                .map(error -> error.getField() + " " + error.getDefaultMessage())
                .sorted()
                .toList();
        return ErrorResponses.of(request, HttpStatus.BAD_REQUEST, String.join("; ", errors));
    }

    /**
     * Everything else: an unavailable database (recognised by its causes, whatever wraps them), a
     * value the database refused (the request's fault, so 400, though Herald's checks should have
     * caught it first), and the unexpected.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(HttpServletRequest request, Exception e) {
        if (causedBy(e, PayloadTooLargeException.class)) {
            return tooLarge(request);
        }
        var parameters = findCause(e, InvalidParameterException.class);
        if (parameters != null) {
            // Tomcat could not read the query or a form body: too large (its maxPostSize) or malformed
            log.warn(
                    "Unreadable parameters on {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    parameters.getErrorCode());
            return parameters.getErrorCode() == HttpStatus.PAYLOAD_TOO_LARGE.value()
                    ? tooLarge(request)
                    : ErrorResponses.of(request, HttpStatus.BAD_REQUEST, "Request parameters could not be read");
        }
        if (DatabaseFailures.unavailable(e)) {
            return databaseUnavailable(request, e);
        }
        var refused = DatabaseFailures.refusedValue(e);
        if (refused.isPresent()) {
            // SQLSTATE only: the database's message quotes the value
            log.warn(
                    "The database refused a value of {} {} (SQLSTATE {})",
                    request.getMethod(),
                    request.getRequestURI(),
                    refused.get());
            return ErrorResponses.of(request, HttpStatus.BAD_REQUEST, "Request contains a value that cannot be stored");
        }
        if (e instanceof ErrorResponse error && !error.getStatusCode().is5xxServerError()) {
            // Spring MVC's own 4xx (missing parameter, unsupported media type, ...)
            var status = HttpStatus.valueOf(error.getStatusCode().value());
            var detail = error.getBody().getDetail();
            return ErrorResponses.of(request, status, detail != null ? detail : status.getReasonPhrase());
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ErrorResponses.of(
                request, HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error", "Internal server error");
    }

    /**
     * A JSON value that does not fit the field it was read into, said with the field's path and
     * kind ({@code postingTimes.1 must be a number}): Jackson's own words name Herald's classes.
     */
    private static String wrongType(DatabindException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(reference.getPropertyName() != null ? reference.getPropertyName() : reference.getIndex());
        }
        var target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        String kind;
        if (target == null) {
            kind = "have a valid value";
        } else if (CharSequence.class.isAssignableFrom(target) || target == char.class) {
            kind = "be a string";
        } else if (Number.class.isAssignableFrom(target) || target.isPrimitive() && target != boolean.class) {
            kind = "be a number";
        } else if (target == Boolean.class || target == boolean.class) {
            kind = "be a boolean";
        } else if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            kind = "be an array";
        } else {
            kind = "be an object";
        }
        return (path.isEmpty() ? "body" : path) + " must " + kind;
    }

    /** The parser's own words and where it stopped, without the source it was reading. */
    static String parserMessage(JacksonException e) {
        return e.getOriginalMessage() + location(e);
    }

    private static String location(JacksonException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String rootCause(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return findCause(e, type) != null;
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
