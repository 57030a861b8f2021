package io.herald.posts.scheduling;

import io.herald.posts.domain.PublicationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every node, now and then: posts that a dead node was sending end in ERROR (never re-sent), and
 * so do posts past the missed window.
 */
@Component
class PublicationRecovery {

    private static final Logger log = LoggerFactory.getLogger(PublicationRecovery.class);

    private final PublicationService publications;

    PublicationRecovery(PublicationService publications) {
        this.publications = publications;
    }

    @Scheduled(
            initialDelayString = "${herald.publishing.recovery-interval:15s}",
            fixedDelayString = "${herald.publishing.recovery-interval:15s}")
    void recover() {
        try {
            publications.abandonPostsOfDeadNodes();
            publications.failMissed();
        } catch (RuntimeException e) {
            log.warn("Publication recovery failed this time: {}", e.toString());
        }
    }
}
