package io.herald.integrations.linkedin;

import io.herald.integrations.ConnectedAccount;
import io.herald.integrations.OAuthClient;
import io.herald.integrations.OAuthProvider;
import io.herald.integrations.OAuthTokens;
import io.herald.integrations.PlatformException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connects LinkedIn members, or the pages a member administers, with LinkedIn's 3-legged OAuth 2
 * (authorization code; LinkedIn takes the client's id and secret in the form and no PKCE from web
 * apps). LinkedIn's access tokens last 60 days; a refresh token comes only to apps LinkedIn enabled
 * for programmatic refresh, so without one the channel asks to be connected again when its token lapses.
 */
class LinkedInOAuth implements OAuthProvider {

    private final Author author;

    private final LinkedInProperties properties;

    private final String clientId;

    private final String clientSecret;

    private final OAuthClient oauth;

    private final LinkedInApi api;

    private final JsonMapper json;

    LinkedInOAuth(
            Author author,
            LinkedInProperties properties,
            LinkedInPageProperties page,
            OAuthClient oauth,
            LinkedInApi api,
            JsonMapper json) {
        this.author = author;
        this.properties = properties;
        var own = author == Author.PAGE && StringUtils.hasText(page.clientId());
        this.clientId = own ? page.clientId() : properties.clientId();
        this.clientSecret = own ? page.clientSecret() : properties.clientSecret();
        this.oauth = oauth;
        this.api = api;
        this.json = json;
    }

    @Override
    public String identifier() {
        return author.identifier;
    }

    @Override
    public String platform() {
        return "LinkedIn";
    }

    @Override
    public boolean configured() {
        return StringUtils.hasText(clientId) && StringUtils.hasText(clientSecret);
    }

    @Override
    public URI authorizationUrl(String state, String codeChallenge, String redirectUri) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("state", state);
        parameters.put("scope", author.scopes);
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

    @Override
    public List<ConnectedAccount> accounts(OAuthTokens tokens) {
        return author == Author.MEMBER ? List.of(member(tokens)) : pages(tokens);
    }

    private ConnectedAccount member(OAuthTokens tokens) {
        var me = api.userInfo(tokens.accessToken());
        if (!me.path("sub").isString()) {
            throw new PlatformException("LinkedIn answered /v2/userinfo without the member's id");
        }
        var id = me.path("sub").asString();
        return new ConnectedAccount(
                id,
                me.path("name").asString("LinkedIn member"),
                me.path("picture").isString() ? me.path("picture").asString() : null,
                null,
                json.createObjectNode().put("author", Author.MEMBER.urnPrefix + id),
                tokens);
    }

    /** Every organization the member administers (an approved ADMINISTRATOR role). */
    private List<ConnectedAccount> pages(OAuthTokens tokens) {
        var acls = api.get(
                tokens.accessToken(), "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED");
        var pages = new ArrayList<ConnectedAccount>();
        for (var acl : acls.path("elements")) {
            var urn = acl.path("organization").asString("");
            if (!urn.startsWith(Author.PAGE.urnPrefix)) {
                continue;
            }
            var id = urn.substring(Author.PAGE.urnPrefix.length());
            if (!id.matches("[0-9]+")) {
                continue;
            }
            var organization = api.get(tokens.accessToken(), "/rest/organizations/" + id);
            pages.add(new ConnectedAccount(
                    id,
                    organization.path("localizedName").asString("LinkedIn page " + id),
                    null,
                    organization.path("vanityName").isString()
                            ? organization.path("vanityName").asString()
                            : null,
                    json.createObjectNode().put("author", urn),
                    tokens));
        }
        return pages;
    }

    private OAuthTokens tokens(Map<String, String> grant) {
        var form = new LinkedHashMap<>(grant);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return oauth.requestTokens("LinkedIn", properties.tokenUrl(), form, null);
    }
}
