package io.herald.organizations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How API keys are checked.
 *
 * @param cache whether a node remembers the keys it found live while it listens for their changes
 *     ({@link LiveKeys}); off, every request reads its key from the database (for a connection
 *     pooler that cannot LISTEN, say) (default true)
 */
@ConfigurationProperties("herald.api-keys")
record ApiKeyProperties(@DefaultValue("true") boolean cache) {}
