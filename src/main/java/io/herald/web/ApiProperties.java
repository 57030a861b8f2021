package io.herald.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the public API.
 *
 * @param maxBodySize the largest request body of any path and method, checked before anything
 *     reads it (the upload has its own limits); Tomcat parses form bodies to the same size; default 1MB
 */
@Validated
@ConfigurationProperties("herald.api")
record ApiProperties(@DefaultValue("1MB") @NotNull DataSize maxBodySize) {}
