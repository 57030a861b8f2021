package io.herald.integrations;

/**
 * The platform's token endpoint refused a grant: a code that is wrong or used, a refresh token that
 * is revoked or expired. Asking again will not help; the account must be connected again.
 */
public class TokenRefusedException extends PlatformException {

    public TokenRefusedException(String message) {
        super(message);
    }
}
