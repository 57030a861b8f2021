package io.herald.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat rejects some request targets before any of Herald's code runs, and answers in HTML. The
 * Postiz CLI puts ids into paths unencoded, so ids with characters such as {@code |[]^} or an
 * encoded slash are let through to the routes (which answer 404 for an id that is not one), and
 * what Tomcat still refuses (an invalid percent-escape, as in {@code posts:delete 100%}) is
 * answered in JSON: under /public/v1 as the route it is not, elsewhere as a problem. Headers over
 * the limit are answered 431 (Tomcat says 400), in the same two shapes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class TomcatConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final ApiProperties properties;

    TomcatConfiguration(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            // Tomcat reads a POST form body itself (for request parameters), past every filter: no
            // more of it than any other body.
            connector.setMaxPostSize(
                    (int) Math.min(Integer.MAX_VALUE, properties.maxBodySize().toBytes()));
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

        // Tomcat makes this valve itself when it adds the default one, so it cannot take beans.
        private static final JsonMapper JSON = JsonMapper.builder().build();

        /** Under /public/v1, after whatever context path: a request Tomcat refused was mapped to no context. */
        private static final Pattern PUBLIC = Pattern.compile("^(/[^/]+)*" + PublicApi.PATH + "(/.*)?$");

        /**
         * What Tomcat's request parser throws for a request line and headers over
         * {@code server.max-http-request-header-size}, in the JVM's language (Tomcat translates it, and
         * this is the same lookup Tomcat makes). Tomcat answers it 400, like a malformed request.
         */
        private static final String HEADERS_TOO_LARGE =
                StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");

        private static boolean headersTooLarge(Throwable throwable) {
            return throwable instanceof IllegalArgumentException && HEADERS_TOO_LARGE.equals(throwable.getMessage());
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            var status = HttpStatus.resolve(response.getStatus());
            if (status == null || !status.isError() || response.isCommitted() || response.getContentWritten() > 0) {
                return;
            }
            // the raw target: a request refused for its encoding has no decoded one
            var uri = request.getRequestURI() == null ? "" : request.getRequestURI();
            var isPublic = PUBLIC.matcher(uri).matches();
            if (status == HttpStatus.BAD_REQUEST && headersTooLarge(throwable)) {
                status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                response.setStatus(status.value());
            } else if (isPublic && status == HttpStatus.BAD_REQUEST) {
                // a malformed id is never a 400 for the API: it names a route that does not exist
                status = HttpStatus.NOT_FOUND;
                response.setStatus(status.value());
            }
            var body = isPublic
                    ? NestError.of(
                            status,
                            status == HttpStatus.NOT_FOUND
                                    ? "Cannot " + request.getMethod() + " " + uri
                                    : status.value() == 413 ? "Request entity too large" : NestError.reason(status))
                    : Map.of("title", NestError.reason(status), "status", status.value());
            if (throwable instanceof IllegalArgumentException) {
                // Tomcat could not parse the request and closes the connection after this answer:
                // the client must not send another request on it
                response.setHeader("Connection", "close");
            }
            try {
                response.setContentType(isPublic ? "application/json" : "application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                var writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(body));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone; nothing more to say
            }
        }
    }
}
