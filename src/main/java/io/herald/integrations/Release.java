package io.herald.integrations;

import tools.jackson.databind.JsonNode;

/**
 * A post as it exists on its platform: the platform's id and URL for it, and whatever else the
 * publisher needs later to reply to it (Bluesky's {@code uri} and {@code cid}, for instance).
 */
public record Release(String id, String url, JsonNode meta) {}
