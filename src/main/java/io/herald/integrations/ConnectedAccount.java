package io.herald.integrations;

import tools.jackson.databind.node.ObjectNode;

/**
 * An account an authorization lets Herald publish as, and the integration it becomes: a member's
 * own profile, or one of the pages it administers.
 *
 * @param id the platform's id of the account; the same account connected again updates its integration
 * @param handle the account's handle (the integration's {@code profile}); null when the platform has none
 * @param config what the publisher needs besides the tokens (e.g. the author URN), stored readable
 * @param tokens the tokens to publish with (a page may have tokens of its own)
 */
public record ConnectedAccount(
        String id, String name, String picture, String handle, ObjectNode config, OAuthTokens tokens) {}
