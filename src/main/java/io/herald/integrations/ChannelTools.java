package io.herald.integrations;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a platform offers besides publishing, as Postiz's {@code integration-trigger} calls them:
 * a few named read-only calls on the connected account (its lists, a handle's identity). Each
 * platform's tools live in its own package, beside its {@link Publisher}.
 */
public interface ChannelTools {

    /** The {@code identifier} of the platform these tools belong to. */
    String identifier();

    List<Tool> tools();

    /**
     * Runs the tool {@code methodName} (one of {@link #tools()}) with {@code data} for the account
     * whose {@code config} is given, outside any transaction.
     *
     * @throws PlatformException when the platform refuses or cannot be reached, or {@code data} lacks what the tool needs
     */
    JsonNode run(String methodName, JsonNode data, JsonNode config);

    /** A tool as Postiz describes it: its name, what it does, and the fields of its {@code data}. */
    record Tool(String methodName, String description, List<Field> dataSchema) {

        public Tool {
            dataSchema = List.copyOf(dataSchema);
        }
    }

    /** One field of a tool's {@code data}. */
    record Field(String key, String type, String description) {}
}
