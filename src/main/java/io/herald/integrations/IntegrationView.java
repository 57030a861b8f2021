package io.herald.integrations;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.organizations.CustomerRef;
import java.util.UUID;

/**
 * An integration exactly as the public API shows it: no configuration, customer only when set,
 * {@code refreshNeeded: true} only when the channel must be connected again (Postiz's own field; a
 * healthy channel keeps the upstream public shape).
 */
record IntegrationView(
        UUID id,
        String name,
        String identifier,
        String picture,
        boolean disabled,
        String profile,
        @JsonInclude(JsonInclude.Include.NON_NULL) CustomerRef customer,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean refreshNeeded) {

    static IntegrationView of(Channel channel) {
        return new IntegrationView(
                channel.id(),
                channel.name(),
                channel.identifier(),
                channel.picture(),
                channel.disabled(),
                channel.profile(),
                channel.customer(),
                channel.refreshNeeded());
    }
}
