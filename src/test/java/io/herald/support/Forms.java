package io.herald.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Query strings and {@code application/x-www-form-urlencoded} bodies, read as a server reads them. */
public final class Forms {

    private Forms() {}

    /** The fields of a query string or form body, decoded, in order. */
    public static Map<String, String> decode(String raw) {
        var values = new LinkedHashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (var pair : raw.split("&")) {
            var split = pair.indexOf('=');
            values.put(
                    URLDecoder.decode(split < 0 ? pair : pair.substring(0, split), StandardCharsets.UTF_8),
                    URLDecoder.decode(split < 0 ? "" : pair.substring(split + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** The query of an absolute URL, decoded. */
    public static Map<String, String> queryOf(String url) {
        return decode(URI.create(url).getRawQuery());
    }
}
