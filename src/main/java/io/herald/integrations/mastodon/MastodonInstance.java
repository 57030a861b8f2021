package io.herald.integrations.mastodon;

import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** A Mastodon instance's API as one account calls it: every request carries the account's token. */
record MastodonInstance(String baseUrl, String accessToken) {

    /** Calls of Mastodon's API, as errors and metrics name them. */
    static final String API = "Mastodon";

    /** What Mastodon's ids (statuses, media, accounts) look like: safe in a path. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

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

    /** The id of the token's account. */
    String accountId(PlatformHttp http) {
        var account = get(http, "/api/v1/accounts/verify_credentials").path("id");
        if (!(account.isString() || account.isNumber())
                || !ID.matcher(account.asString()).matches()) {
            throw new PlatformException("Mastodon answered without the account's id");
        }
        return account.asString();
    }

    /** The account's latest {@code limit} statuses, newest first. */
    JsonNode recentStatuses(PlatformHttp http, int limit) {
        return get(http, "/api/v1/accounts/" + accountId(http) + "/statuses?limit=" + limit);
    }

    /** A GET that may be repeated freely (it changes nothing), read as JSON. */
    JsonNode get(PlatformHttp http, String path) {
        return http.sendForJson(API, () -> call(http, path).GET().build(), true);
    }
}
