package io.herald.integrations.meta;

import io.herald.integrations.OAuthProvider;
import io.herald.integrations.OAuthTokens;
import io.herald.integrations.TokenRefusedException;
import java.net.URI;

/**
 * A provider whose accounts connect through {@link FacebookLogin} and publish with a page's token
 * (Facebook pages, and the Instagram accounts linked to pages): the authorization and the code's
 * exchange are Facebook Login's; what becomes an integration is the provider's.
 */
public abstract class FacebookLoginProvider implements OAuthProvider {

    private final FacebookLogin login;

    protected FacebookLoginProvider(FacebookLogin login) {
        this.login = login;
    }

    protected FacebookLogin login() {
        return login;
    }

    @Override
    public boolean configured() {
        return login.configured();
    }

    /** Facebook Login takes no PKCE: {@code codeChallenge} is not sent. */
    @Override
    public URI authorizationUrl(String state, String codeChallenge, String redirectUri) {
        return login.authorizationUrl(state, redirectUri);
    }

    @Override
    public OAuthTokens exchange(String code, String codeVerifier, String redirectUri) {
        return login.userTokens(code, redirectUri);
    }

    /** Never called: a page token has no refresh token, and does not expire. */
    @Override
    public OAuthTokens refresh(OAuthTokens tokens) {
        throw new TokenRefusedException(
                platform() + " publishes with a page's token, which is not refreshed;" + " connect the account again");
    }
}
