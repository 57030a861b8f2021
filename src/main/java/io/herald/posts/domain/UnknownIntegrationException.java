package io.herald.posts.domain;

/** A create naming an integration the caller cannot post to: unknown, deleted, disabled or not theirs. */
public class UnknownIntegrationException extends RuntimeException {

    private final String integrationId;

    public UnknownIntegrationException(String integrationId) {
        super("Integration with id " + integrationId + " not found");
        this.integrationId = integrationId;
    }

    public String integrationId() {
        return integrationId;
    }
}
