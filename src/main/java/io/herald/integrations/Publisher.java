package io.herald.integrations;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** A platform Herald can publish to. Each lives in a package of its own under this one. */
public interface Publisher {

    /** The {@code identifier} integrations of this platform carry ({@code webhook}, {@code mastodon}, ...). */
    String identifier();

    /** What is wrong with an integration's {@code config} for this platform; empty when it is usable. */
    List<String> configErrors(JsonNode config);

    /**
     * The fields of {@code config} that are secrets (tokens, passwords): they are sealed at rest and
     * never shown, and {@link #publish} gets them back in its config.
     */
    List<String> secretFields();

    ContentLimits limits();

    /**
     * Sends one post, retrying only what {@link PlatformHttp} allows. Called outside any
     * transaction; throws {@link PlatformException} when the post did not (or may not) go out.
     */
    Release publish(Publication publication, Channel channel, JsonNode config);
}
