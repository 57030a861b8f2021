package io.herald.organizations;

import java.util.UUID;

/**
 * The organization whose API key authenticated the current /public/v1 request. Controllers take it
 * as a method parameter; interceptors that run after the key check find it in the request attribute
 * {@link #ATTRIBUTE}.
 */
public record CallerOrganization(UUID id) {

    public static final String ATTRIBUTE = CallerOrganization.class.getName();
}
