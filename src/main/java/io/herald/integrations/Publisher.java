package io.herald.integrations;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** A platform Herald can publish to. Each lives in a package of its own under this one. */
public interface Publisher {

    /** The {@code identifier} integrations of this platform carry ({@code webhook}, {@code mastodon}, ...). */
    String identifier();

    /** What is wrong with an integration's {@code config} for this platform; empty when it is usable. */
    List<String> configErrors(JsonNode config);

    ContentLimits limits();
}
