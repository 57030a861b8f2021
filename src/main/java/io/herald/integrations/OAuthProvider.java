package io.herald.integrations;

import java.net.URI;
import java.util.List;

/**
 * A platform whose accounts connect through OAuth 2's authorization code flow. It lives in the
 * platform's package beside its {@link Publisher}, under the same identifier; the connection flow,
 * the token store and the refreshing are Herald's, in one place for every platform.
 */
public interface OAuthProvider {

    /**
     * Where an OAuth-connected integration's config holds its tokens, for its publisher: among its
     * {@link Publisher#secretFields()}, sealed at rest.
     */
    List<String> TOKEN_FIELDS = List.of("accessToken", "refreshToken");

    /** The integration identifier this provider connects ({@code x}, {@code linkedin}, ...). */
    String identifier();

    /** The platform's name, for the pages a browser sees ("X", "LinkedIn"). */
    String platform();

    /** Whether this server has the platform's client id and secret ({@code herald.providers.<id>.*}). */
    boolean configured();

    /**
     * Where the browser goes to authorize Herald. {@code codeChallenge} is the PKCE S256 challenge of
     * this attempt; a platform that does not take PKCE leaves it out.
     */
    URI authorizationUrl(String state, String codeChallenge, String redirectUri);

    /** Trades the code the callback got for tokens; {@code codeVerifier} goes with it where PKCE is used. */
    OAuthTokens exchange(String code, String codeVerifier, String redirectUri);

    /**
     * New tokens for {@code tokens}' refresh token. Throws {@link TokenRefusedException} when the
     * platform refuses it (revoked, expired, already used), {@link PlatformException} when the outcome
     * is unknown or the platform could not be reached.
     */
    OAuthTokens refresh(OAuthTokens tokens);

    /** The accounts the tokens publish as: one for a member, each administered page for pages. */
    List<ConnectedAccount> accounts(OAuthTokens tokens);
}
