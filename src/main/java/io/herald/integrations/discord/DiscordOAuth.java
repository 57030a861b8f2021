package io.herald.integrations.discord;

import io.herald.integrations.ConnectedAccount;
import io.herald.integrations.OAuthClient;
import io.herald.integrations.OAuthProvider;
import io.herald.integrations.OAuthTokens;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connects a Discord server as Postiz does: the person authorizes Herald's application with the
 * {@code bot} scope, which adds Herald's bot to a server they manage, and the server becomes the
 * integration; Herald's bot token then posts, in the channel each post names.
 *
 * <p>Discord says in its token answer which server the bot was added to, but an {@link OAuthProvider}
 * reads accounts from the tokens alone. So the servers offered are those the person manages (owner,
 * Administrator or Manage Server, read with the {@code guilds} scope) that Herald's bot is in: the
 * one just added, and any other such server, which the person may choose instead (each one
 * connected is an integration of its own). The person's token is kept only to say who connected the
 * server: it is never used to post, never refreshed, and its expiry never makes the channel need
 * reconnecting.
 */
@Component
class DiscordOAuth implements OAuthProvider {

    static final String SCOPES = "bot guilds";

    /**
     * What the bot may do in the server: View Channel, Send Messages, Embed Links, Attach Files and
     * Read Message History (a reply needs the message it answers).
     */
    static final long PERMISSIONS = (1L << 10) | (1L << 11) | (1L << 14) | (1L << 15) | (1L << 16);

    private static final long ADMINISTRATOR = 1L << 3;

    private static final long MANAGE_GUILD = 1L << 5;

    /** Discord lists at most 200 servers a page; this many pages are read at most. */
    private static final int PAGES = 25;

    private final DiscordProperties properties;

    private final OAuthClient oauth;

    private final DiscordApi api;

    private final JsonMapper json;

    DiscordOAuth(DiscordProperties properties, OAuthClient oauth, DiscordApi api, JsonMapper json) {
        this.properties = properties;
        this.oauth = oauth;
        this.api = api;
        this.json = json;
    }

    @Override
    public String identifier() {
        return DiscordPublisher.IDENTIFIER;
    }

    @Override
    public String platform() {
        return "Discord";
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public URI authorizationUrl(String state, String codeChallenge, String redirectUri) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("client_id", properties.clientId());
        parameters.put("response_type", "code");
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", SCOPES);
        parameters.put("permissions", Long.toString(PERMISSIONS));
        parameters.put("integration_type", "0");
        parameters.put("state", state);
        return OAuthClient.withQuery(properties.authorizationUrl(), parameters);
    }

    @Override
    public OAuthTokens exchange(String code, String codeVerifier, String redirectUri) {
        return tokens(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri));
    }

    @Override
    public OAuthTokens refresh(OAuthTokens tokens) {
        return tokens(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refreshToken()));
    }

    /** The servers the person manages and Herald's bot is in, each with its name and icon. */
    @Override
    public List<ConnectedAccount> accounts(OAuthTokens tokens) {
        var bot = "Bot " + properties.botToken();
        var botIn = botGuilds(bot);
        var botUser = api.get(bot, "/users/@me");
        var handle =
                botUser.path("username").isString() ? botUser.path("username").asString() : null;
        var accounts = new ArrayList<ConnectedAccount>();
        for (var guild : api.get("Bearer " + tokens.accessToken(), "/users/@me/guilds")) {
            var id = guild.path("id").asString("");
            if (!botIn.contains(id)
                    || !manages(
                            guild.path("owner").asBoolean(false),
                            guild.path("permissions").asString("0"))) {
                continue;
            }
            var icon = guild.path("icon").isString()
                    ? "https://cdn.discordapp.com/icons/" + id + "/"
                            + guild.path("icon").asString() + ".png"
                    : null;
            accounts.add(new ConnectedAccount(
                    id,
                    guild.path("name").asString("Discord server " + id),
                    icon,
                    handle,
                    json.createObjectNode().put("guildId", id),
                    // the bot posts; the person's token is kept, unrefreshed, only as the connection's
                    new OAuthTokens(tokens.accessToken(), null, null)));
        }
        return accounts;
    }

    /** Every server Herald's bot is in, page after page ({@code after} the last id seen). */
    private Set<String> botGuilds(String bot) {
        var guilds = new HashSet<String>();
        var after = "0";
        for (int page = 0; page < PAGES; page++) {
            var listed = api.get(bot, "/users/@me/guilds?limit=200&after=" + after);
            for (var guild : listed) {
                var id = guild.path("id").asString("");
                guilds.add(id);
                after = id;
            }
            if (listed.size() < 200) {
                break;
            }
        }
        return guilds;
    }

    private static boolean manages(boolean owner, String permissions) {
        if (owner) {
            return true;
        }
        try {
            var bits = Long.parseLong(permissions);
            return (bits & (ADMINISTRATOR | MANAGE_GUILD)) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private OAuthTokens tokens(Map<String, String> form) {
        return oauth.requestTokens(
                "Discord",
                properties.api("/oauth2/token"),
                new LinkedHashMap<>(form),
                OAuthClient.basic(properties.clientId(), properties.clientSecret()));
    }
}
