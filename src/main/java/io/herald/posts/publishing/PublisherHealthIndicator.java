package io.herald.posts.publishing;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code publisher} in the readiness group: DOWN once this node's publication loop has stopped
 * running (it ends only when the JVM fails under it), so an orchestrator replaces a node that would
 * otherwise take requests and publish nothing. UP on a node that does not publish by its settings.
 */
@Component
class PublisherHealthIndicator implements HealthIndicator {

    private final PublicationDispatcher dispatcher;

    PublisherHealthIndicator(PublicationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public Health health() {
        return dispatcher.healthy()
                ? Health.up().build()
                : Health.down().withDetail("publisher", "not running").build();
    }
}
