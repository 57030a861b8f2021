package io.herald.organizations;

import io.herald.web.PublicApi;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own organization as the Postiz clients see it. */
@RestController
@RequestMapping(PublicApi.PATH)
class PublicOrganizationController {

    private final Organizations organizations;

    PublicOrganizationController(Organizations organizations) {
        this.organizations = organizations;
    }

    /** n8n's credential test: reaching this handler means the API key was accepted. */
    @GetMapping("/is-connected")
    Connected isConnected(CallerOrganization caller) {
        return new Connected(true);
    }

    /** The organization's customers, by name: what Postiz calls groups of integrations. */
    @GetMapping("/groups")
    List<CustomerRef> groups(CallerOrganization caller) {
        return organizations.customers(caller.id());
    }

    record Connected(boolean connected) {}
}
