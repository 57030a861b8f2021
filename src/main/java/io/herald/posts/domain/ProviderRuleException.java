package io.herald.posts.domain;

/** Content the integration's platform would refuse (too long, too many images). */
public class ProviderRuleException extends RuntimeException {

    private final String provider;

    private final String integrationName;

    public ProviderRuleException(String provider, String integrationName, String message) {
        super(message);
        this.provider = provider;
        this.integrationName = integrationName;
    }

    public String provider() {
        return provider;
    }

    public String integrationName() {
        return integrationName;
    }
}
