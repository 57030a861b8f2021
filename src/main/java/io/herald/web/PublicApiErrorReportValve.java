package io.herald.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat refuses a path it cannot decode (an invalid percent-escape, such as an id typed with a
 * {@code %}) before any application code runs, and writes its own HTML 400 page. The Postiz CLI
 * sends ids unencoded, so such paths do reach Herald. Under /public/v1 this valve answers them as
 * what they are for the API, a route that does not exist: {@code 404 Cannot <METHOD> <path>}, in
 * Postiz's shape (a malformed id is never a 400). Elsewhere Tomcat's page stays, without details.
 */
final class PublicApiErrorReportValve extends ErrorReportValve {

    private final String publicPath;

    private final JsonMapper json;

    PublicApiErrorReportValve(String contextPath, JsonMapper json) {
        this.publicPath = contextPath + PublicApi.PATH;
        this.json = json;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        var uri = request.getRequestURI();
        var isPublic = uri != null && (uri.equals(publicPath) || uri.startsWith(publicPath + "/"));
        if (!isPublic || response.getStatus() != HttpStatus.BAD_REQUEST.value() || response.getContentWritten() > 0) {
            super.report(request, response, throwable);
            return;
        }
        if (!response.setErrorReported()) {
            return;
        }
        var status = HttpStatus.NOT_FOUND;
        try {
            response.setStatus(status.value());
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            var writer = response.getReporter();
            if (writer != null) {
                writer.write(
                        json.writeValueAsString(NestError.of(status, "Cannot " + request.getMethod() + " " + uri)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is no longer writable: nothing left to tell it.
        }
    }
}
