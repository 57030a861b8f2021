package io.herald.integrations;

import java.time.Instant;

/**
 * Tokens a platform issued for an account. Never printed: {@link #toString()} names no token.
 *
 * @param refreshToken null when the platform issued none (the account is then connected again when
 *     the access token expires)
 * @param expiresAt when the access token expires; null when the platform did not say
 */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt) {

    @Override
    public String toString() {
        return "OAuthTokens[expiresAt=" + expiresAt + ", refreshToken=" + (refreshToken != null) + "]";
    }
}
