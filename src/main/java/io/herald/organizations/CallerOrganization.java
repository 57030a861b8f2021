package io.herald.organizations;

import java.util.UUID;

/**
 * The organization whose API key authenticated the current /public/v1 request. Controllers take it
 * as a method parameter.
 */
public record CallerOrganization(UUID id) {}
