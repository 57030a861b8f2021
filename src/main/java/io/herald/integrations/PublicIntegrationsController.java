package io.herald.integrations;

import io.herald.organizations.CallerOrganization;
import io.herald.web.PostizMessage;
import io.herald.web.PublicApi;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Postiz's {@code GET /public/v1/integrations}: the caller's channels, disabled ones included,
 * deleted ones never. The CLI's {@code auth:status} counts this array, so it is always an array.
 */
@RestController
class PublicIntegrationsController {

    private final Integrations integrations;

    private final Connections connections;

    PublicIntegrationsController(Integrations integrations, Connections connections) {
        this.integrations = integrations;
        this.connections = connections;
    }

    /**
     * Postiz's {@code GET /public/v1/social/{provider}}: the authorization URL that connects an
     * account of the platform to the caller's organization. Postiz's {@code refresh} (the integration
     * to reconnect) is accepted and not needed: connecting the same account again refreshes its
     * integration, whichever id was named.
     */
    @GetMapping(PublicApi.PATH + "/social/{provider}")
    AuthorizationUrl social(
            CallerOrganization caller, @PathVariable String provider, @RequestParam(required = false) String refresh) {
        return new AuthorizationUrl(
                connections.start(caller.id(), provider, null).toString());
    }

    /**
     * Postiz's {@code DELETE /public/v1/integrations/{id}}: the channel and its unpublished posts go,
     * as with the admin delete; the answer is the channel as it was listed.
     */
    @DeleteMapping(PublicApi.PATH + "/integrations/{id}")
    IntegrationView delete(CallerOrganization caller, @PathVariable String id) {
        return IntegrationView.of(integrations.delete(caller.id(), id));
    }

    @ExceptionHandler(IntegrationNotFoundException.class)
    ResponseEntity<PostizMessage> notFound() {
        return PostizMessage.response(HttpStatus.NOT_FOUND, "Integration not found");
    }

    /** Postiz answers {@code {"msg"}} here, 400 {@code Integration not allowed} for a provider it does not connect. */
    @ExceptionHandler(ConnectionException.class)
    ResponseEntity<PostizMessage> cannotConnect(ConnectionException e) {
        return PostizMessage.response(
                HttpStatus.BAD_REQUEST,
                e.reason() == ConnectionException.Reason.NOT_OAUTH ? "Integration not allowed" : e.getMessage());
    }

    record AuthorizationUrl(String url) {}

    /** With {@code customer}, only that customer's integrations (none for an id that is no customer). */
    @GetMapping(PublicApi.PATH + "/integrations")
    List<IntegrationView> list(CallerOrganization caller, @RequestParam(required = false) String customer) {
        var filtered = customer != null && !customer.isEmpty();
        return integrations.list(caller.id()).stream()
                .filter(channel -> !filtered
                        || channel.customer() != null
                                && channel.customer().id().toString().equalsIgnoreCase(customer))
                .map(IntegrationView::of)
                .toList();
    }
}
