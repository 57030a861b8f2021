package io.herald.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin API's credential.
 *
 * @param token the bearer token of /admin/v1 and of actuator's protected endpoints (env
 *     {@code HERALD_ADMIN_TOKEN}); when unset a random one is generated at start-up and logged once
 */
@ConfigurationProperties("herald.admin")
record AdminProperties(String token) {}
