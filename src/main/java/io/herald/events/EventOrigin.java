package io.herald.events;

import io.herald.organizations.CallerKey;
import io.herald.web.RequestOrigin;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is changing things right now, taken from the request this thread serves: the API key the
 * key check accepted, or the admin token, with the request's id. Outside a request (publishers,
 * sweeps, Quartz jobs) it is Herald itself, without a request id.
 */
@Component
class EventOrigin {

    Origin current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return new Origin(Actor.SYSTEM, null);
        }
        var request = attributes.getRequest();
        var requestId = RequestOrigin.requestId(request).orElse(null);
        if (request.getAttribute(CallerKey.ATTRIBUTE) instanceof CallerKey key) {
            return new Origin(Actor.apiKey(key.id().toString(), key.name()), requestId);
        }
        if (RequestOrigin.isAdmin(request)) {
            return new Origin(Actor.ADMIN, requestId);
        }
        return new Origin(Actor.SYSTEM, requestId);
    }

    record Origin(Actor actor, String requestId) {}
}
