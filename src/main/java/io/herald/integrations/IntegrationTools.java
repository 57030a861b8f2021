package io.herald.integrations;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Postiz's integration settings and tools: what a provider accepts in a post (its
 * {@link ContentLimits}, in words and in numbers) and the {@link ChannelTools} it offers, run on the
 * integration's account.
 */
@Service
class IntegrationTools {

    private final Accounts accounts;

    private final Publishers publishers;

    private final Map<String, ChannelTools> tools;

    IntegrationTools(Accounts accounts, Publishers publishers, List<ChannelTools> tools) {
        this.accounts = accounts;
        this.publishers = publishers;
        this.tools = tools.stream().collect(Collectors.toMap(ChannelTools::identifier, Function.identity()));
    }

    /** The provider's rules and tools for the organization's integration. */
    Settings settings(UUID organizationId, String integrationId) {
        var identifier = accounts.live(organizationId, integrationId).identifier();
        var limits = publishers.get(identifier).limits();
        return new Settings(
                limits.describe(), limits.maxLength(), new TreeMap<>(limits.settingChoices()), toolsOf(identifier));
    }

    /** Runs the tool {@code methodName} on the organization's integration and answers what the platform said. */
    JsonNode trigger(UUID organizationId, String integrationId, String methodName, JsonNode data) {
        var integration = accounts.live(organizationId, integrationId);
        var provider = tools.get(integration.identifier());
        if (provider == null
                || provider.tools().stream().noneMatch(tool -> tool.methodName().equals(methodName))) {
            throw UnknownToolException.forMethod(integration.identifier(), methodName);
        }
        return provider.run(methodName, data, accounts.config(integration));
    }

    private List<ChannelTools.Tool> toolsOf(String identifier) {
        var provider = tools.get(identifier);
        return provider == null ? List.of() : provider.tools();
    }

    /** Postiz's {@code output} of {@code integration-settings}. */
    record Settings(String rules, int maxLength, Map<String, List<String>> settings, List<ChannelTools.Tool> tools) {}
}
