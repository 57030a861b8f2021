package io.herald.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Tomcat rejects some request targets before any of Herald's code runs, and answers in HTML. Ids
 * with characters such as {@code |[]^} or an encoded slash are let through to the routes (which
 * answer 404 for an id that is not one), and what Tomcat still refuses is answered in JSON.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("relaxedPathChars", "<>[\\]^`{|}");
            connector.setProperty("relaxedQueryChars", "<>[\\]^`{|}");
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        });
        factory.addContextCustomizers(context -> {
            var host = context.getParent();
            for (var valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new JsonErrorReportValve());
            if (host instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    /** After Spring Boot's own Tomcat customizations, which install an HTML error valve. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error page, in the two contracts of Herald; never a stack trace or a server version. */
    public static class JsonErrorReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            var status = HttpStatus.resolve(response.getStatus());
            if (status == null || !status.isError() || response.isCommitted() || response.getContentWritten() > 0) {
                return;
            }
            // the raw target: a request refused for its encoding has no decoded one
            var uri = request.getRequestURI() == null ? "" : request.getRequestURI();
            var body = uri.contains(PublicApi.PATH + "/")
                    ? "{\"statusCode\":%d,\"message\":\"%s\",\"error\":\"%s\"}"
                            .formatted(status.value(), status.getReasonPhrase(), status.getReasonPhrase())
                    : "{\"title\":\"%s\",\"status\":%d}".formatted(status.getReasonPhrase(), status.value());
            try {
                response.setContentType(
                        body.startsWith("{\"statusCode") ? "application/json" : "application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                var writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone; nothing more to say
            }
        }
    }
}
