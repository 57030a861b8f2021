package io.herald.integrations;

import io.herald.organizations.CallerOrganization;
import io.herald.web.PublicApi;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Postiz's {@code GET /public/v1/integrations}: the caller's channels, disabled ones included,
 * deleted ones never. The CLI's {@code auth:status} counts this array, so it is always an array.
 */
@RestController
class PublicIntegrationsController {

    private final Integrations integrations;

    PublicIntegrationsController(Integrations integrations) {
        this.integrations = integrations;
    }

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
