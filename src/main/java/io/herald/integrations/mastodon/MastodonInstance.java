package io.herald.integrations.mastodon;

import io.herald.integrations.PlatformHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import tools.jackson.databind.JsonNode;

/** A Mastodon instance's API as one account calls it: every request carries the account's token. */
record MastodonInstance(String baseUrl, String accessToken) {

    /** Calls of Mastodon's API, as errors and metrics name them. */
    static final String API = "Mastodon";

    MastodonInstance {
        baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /** The instance and account of an integration's {@code config}. */
    static MastodonInstance of(JsonNode config) {
        return new MastodonInstance(
                config.path("instanceUrl").asString(),
                config.path("accessToken").asString());
    }

    /** A request to the instance's API with the account's token. */
    HttpRequest.Builder call(PlatformHttp http, String path) {
        return http.request(URI.create(baseUrl + path)).header("Authorization", "Bearer " + accessToken);
    }

    /** A GET that may be repeated freely (it changes nothing), read as JSON. */
    JsonNode get(PlatformHttp http, String path) {
        return http.sendForJson(API, () -> call(http, path).GET().build(), true);
    }
}
