package io.herald.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (by the servlet container or a filter) reach this page; it
 * answers in the same two contracts as {@link HeraldExceptionHandler}, and never with a stack trace.
 */
@RestController
class HeraldErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        var status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null || status.is5xxServerError() && status != HttpStatus.SERVICE_UNAVAILABLE) {
            return ErrorResponses.of(request, HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error");
        }
        // by value: HttpStatus.resolve(413) is CONTENT_TOO_LARGE, not the PAYLOAD_TOO_LARGE constant
        return switch (status.value()) {
            case 404 -> ErrorResponses.of(request, status, ErrorResponses.cannot(request), "No such route");
            case 413 -> ErrorResponses.of(request, status, "Request entity too large", "Request body is too large");
            case 503 -> ErrorResponses.of(request, status, "Service unavailable");
            default -> ErrorResponses.of(request, status, NestError.reason(status));
        };
    }
}
