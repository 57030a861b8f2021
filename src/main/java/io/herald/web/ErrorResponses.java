package io.herald.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** Writes an error in the contract of the request's path: Nest-style under /public/v1, RFC 9457 elsewhere. */
public final class ErrorResponses {

    private ErrorResponses() {}

    static ResponseEntity<Object> of(
            HttpServletRequest request, HttpStatus status, String publicMessage, String detail) {
        if (PublicApi.isPublic(request)) {
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(NestError.of(status, publicMessage));
        }
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(PublicApi.requestUri(request)));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    public static ResponseEntity<Object> of(HttpServletRequest request, HttpStatus status, String message) {
        return of(request, status, message, message);
    }

    /** The same, written straight to the response: for filters, which run outside Spring MVC. */
    static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            JsonMapper json,
            HttpStatus status,
            String publicMessage,
            String detail)
            throws IOException {
        var entity = of(request, status, publicMessage, detail);
        response.setStatus(status.value());
        response.setContentType(String.valueOf(entity.getHeaders().getContentType()));
        json.writeValue(response.getOutputStream(), entity.getBody());
    }

    /** NestJS's answer to a route it does not know: {@code Cannot GET /path}. */
    static String cannot(HttpServletRequest request) {
        return "Cannot " + request.getMethod() + " " + PublicApi.requestUri(request);
    }
}
