package io.herald.events;

import io.herald.organizations.CallerOrganization;
import io.herald.organizations.Organizations;
import io.herald.web.PublicApi;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Organization webhooks (spec §11), under the public API for the caller's organization and under
 * the admin API for any organization.
 */
@RestController
class WebhooksController {

    private static final String ADMIN = "/admin/v1/organizations/{organization}/webhooks";

    private final OrganizationWebhooks webhooks;

    private final Organizations organizations;

    private final JsonMapper json;

    WebhooksController(OrganizationWebhooks webhooks, Organizations organizations, JsonMapper json) {
        this.webhooks = webhooks;
        this.organizations = organizations;
        this.json = json;
    }

    @PostMapping(PublicApi.PATH + "/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    OrganizationWebhooks.WebhookView create(CallerOrganization caller, InputStream body) {
        return webhooks.create(caller.id(), json.readTree(body));
    }

    @GetMapping(PublicApi.PATH + "/webhooks")
    List<OrganizationWebhooks.WebhookView> list(CallerOrganization caller) {
        return webhooks.list(caller.id());
    }

    @DeleteMapping(PublicApi.PATH + "/webhooks/{id}")
    OrganizationWebhooks.WebhookDeleted delete(CallerOrganization caller, @PathVariable String id) {
        return webhooks.delete(caller.id(), id);
    }

    @GetMapping(PublicApi.PATH + "/webhooks/{id}/deliveries")
    OrganizationWebhooks.WebhookDeliveries deliveries(CallerOrganization caller, @PathVariable String id) {
        return webhooks.deliveries(caller.id(), id);
    }

    @PostMapping(ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    OrganizationWebhooks.WebhookView adminCreate(@PathVariable String organization, InputStream body) {
        return webhooks.create(organizations.require(organization), json.readTree(body));
    }

    @GetMapping(ADMIN)
    List<OrganizationWebhooks.WebhookView> adminList(@PathVariable String organization) {
        return webhooks.list(organizations.require(organization));
    }

    @DeleteMapping(ADMIN + "/{id}")
    OrganizationWebhooks.WebhookDeleted adminDelete(@PathVariable String organization, @PathVariable String id) {
        return webhooks.delete(organizations.require(organization), id);
    }

    @GetMapping(ADMIN + "/{id}/deliveries")
    OrganizationWebhooks.WebhookDeliveries adminDeliveries(@PathVariable String organization, @PathVariable String id) {
        return webhooks.deliveries(organizations.require(organization), id);
    }
}
