package io.herald.integrations;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An integration's provider configuration in two parts: the fields its publisher calls secret
 * (tokens, passwords, signing secrets) are sealed into {@code secrets}, bound to the integration's
 * id; the rest stays readable in {@code config}. Publishing joins them again.
 */
@Component
class IntegrationSecrets {

    private final Secrets secrets;

    private final JsonMapper json;

    IntegrationSecrets(Secrets secrets, JsonMapper json) {
        this.secrets = secrets;
        this.json = json;
    }

    /** {@code config} without the secret fields. */
    ObjectNode visible(JsonNode config, List<String> secretFields) {
        var visible = ((ObjectNode) config).deepCopy();
        visible.remove(secretFields);
        return visible;
    }

    /** The secret fields of {@code config} sealed for the integration; null when it has none. */
    byte[] seal(UUID integrationId, JsonNode config, List<String> secretFields) {
        var secret = json.createObjectNode();
        for (var field : secretFields) {
            if (config.has(field)) {
                secret.set(field, config.get(field));
            }
        }
        return seal(integrationId, secret);
    }

    byte[] seal(UUID integrationId, ObjectNode secret) {
        return secret.isEmpty() ? null : secrets.seal(json.writeValueAsString(secret), context(integrationId));
    }

    /** The whole configuration: what is stored readable, with the sealed fields opened into it. */
    ObjectNode open(Integration integration) {
        var config = (ObjectNode) json.readTree(integration.config());
        if (integration.secrets() != null) {
            config.setAll((ObjectNode) json.readTree(secrets.open(integration.secrets(), context(integration.id()))));
        }
        return config;
    }

    private static String context(UUID integrationId) {
        return "integration " + integrationId;
    }
}
