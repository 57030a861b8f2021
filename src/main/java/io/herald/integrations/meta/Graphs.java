package io.herald.integrations.meta;

import io.herald.integrations.PlatformHttp;
import java.net.URI;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Makes each Meta platform's {@link GraphApi}, all of them on Herald's platform client and Meta's settings. */
@Component
@EnableConfigurationProperties(MetaProperties.class)
public class Graphs {

    private final PlatformHttp http;

    private final JsonMapper json;

    private final MetaProperties properties;

    private final Clock clock;

    Graphs(PlatformHttp http, JsonMapper json, MetaProperties properties, Clock clock) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** The Graph API of {@code platform} (its name in messages) at {@code base}. */
    public GraphApi api(String platform, URI base) {
        return new GraphApi(platform, base, http, json, properties, clock);
    }
}
