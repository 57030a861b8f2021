package io.herald.integrations;

import io.herald.organizations.CallerOrganization;
import io.herald.web.NestError;
import io.herald.web.PostizMessage;
import io.herald.web.PublicApi;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Postiz's {@code GET /public/v1/integration-settings/{id}} and
 * {@code POST /public/v1/integration-trigger/{id}} (the CLI's {@code integrations:settings} and
 * {@code integrations:trigger}). Both answer {@code {"output"}}; Postiz answers their not-found
 * cases with a bare {@code {"msg"}}.
 */
@RestController
class IntegrationToolsController {

    private static final Logger log = LoggerFactory.getLogger(IntegrationToolsController.class);

    private final IntegrationTools tools;

    private final JsonMapper json;

    IntegrationToolsController(IntegrationTools tools, JsonMapper json) {
        this.tools = tools;
        this.json = json;
    }

    @GetMapping(PublicApi.PATH + "/integration-settings/{id}")
    Output<IntegrationTools.Settings> settings(CallerOrganization caller, @PathVariable String id) {
        return new Output<>(tools.settings(caller.id(), id));
    }

    /**
     * Body {@code {"methodName","data"}}, read whatever its declared content type. A body without a
     * string {@code methodName} names no tool; {@code data} defaults to {@code {}}. 200, not Nest's
     * 201: a tool creates nothing.
     */
    @PostMapping(PublicApi.PATH + "/integration-trigger/{id}")
    Output<JsonNode> trigger(CallerOrganization caller, @PathVariable String id, InputStream body) {
        var request = json.readTree(body);
        var methodName = request == null ? null : request.path("methodName");
        var data = request == null ? null : request.path("data");
        return new Output<>(tools.trigger(
                caller.id(),
                id,
                methodName != null && methodName.isString() ? methodName.asString() : "",
                data != null && data.isObject() ? data : json.createObjectNode()));
    }

    @ExceptionHandler(IntegrationNotFoundException.class)
    ResponseEntity<PostizMessage> integrationNotFound() {
        return PostizMessage.response(HttpStatus.NOT_FOUND, "Integration not found");
    }

    @ExceptionHandler(UnknownToolException.class)
    ResponseEntity<PostizMessage> toolNotFound(UnknownToolException e) {
        log.warn("404: {}", e.getMessage());
        return PostizMessage.response(HttpStatus.NOT_FOUND, "Tool not found");
    }

    @ExceptionHandler(ToolDataException.class)
    ResponseEntity<NestError> invalidData(ToolDataException e) {
        log.warn("400: {}", e.getMessage());
        return NestError.response(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** The platform refused the call or could not be reached: its message says which. */
    @ExceptionHandler(PlatformException.class)
    ResponseEntity<NestError> platformFailed(PlatformException e) {
        log.warn("502: {}", e.getMessage());
        return NestError.response(HttpStatus.BAD_GATEWAY, e.getMessage());
    }

    record Output<T>(T output) {}
}
