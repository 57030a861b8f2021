package io.herald.integrations;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the access tokens of OAuth-connected integrations usable: refreshed ahead of their expiry
 * before a post is sent, and once more when the platform refuses one. One refresh at a time per
 * integration in the whole cluster: the refresher locks the integration's row, looks again at what
 * it holds (another node may have refreshed it while this one waited), and only then calls the
 * platform. Platforms that rotate refresh tokens (X) take each one once, so two refreshes at once
 * would leave the second node refused and the channel wrongly needing a reconnection.
 *
 * <p>The lock is held while the platform answers, one token request bounded by the platform
 * timeouts: unlike a lease, it goes by itself when a node dies, and a waiting node wakes the moment
 * the refresh is stored.
 */
@Component
class TokenRefresher {

    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

    /** How long before its expiry a token is refreshed: a post never starts with a token about to lapse. */
    static final Duration AHEAD = Duration.ofMinutes(5);

    /** How long a post waits when the platform's token endpoint could not be reached. */
    static final Duration RETRY_AFTER_UNREACHABLE = Duration.ofMinutes(1);

    private final IntegrationRepository integrations;

    private final IntegrationSecrets secrets;

    private final OAuthProviders providers;

    private final Publishers publishers;

    private final TransactionTemplate transaction;

    private final JdbcClient jdbc;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final Duration lockTimeout;

    TokenRefresher(
            IntegrationRepository integrations,
            IntegrationSecrets secrets,
            OAuthProviders providers,
            Publishers publishers,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformProperties platforms) {
        this.integrations = integrations;
        this.secrets = secrets;
        this.providers = providers;
        this.publishers = publishers;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        // longer than another node's refresh can hold the lock
        this.lockTimeout =
                platforms.connectTimeout().plus(platforms.requestTimeout()).plusSeconds(10);
    }

    /**
     * The configuration to publish with; its tokens refreshed first when they expire within
     * {@link #AHEAD}. A token that lapsed with no refresh token to renew it makes the channel
     * need reconnecting.
     */
    Credentials current(Integration integration) {
        var config = secrets.open(integration);
        if (!due(integration, config)) {
            return new Credentials(config, refreshable(integration.identifier(), config));
        }
        return refresh(integration.id(), this::due);
    }

    /** After the platform refused {@code used}'s access token: the tokens another node got meanwhile, or new ones. */
    Credentials afterRejection(UUID integrationId, Credentials used) {
        var rejected = used.config().path("accessToken").asString("");
        return refresh(
                integrationId,
                (locked, held) -> Objects.equals(held.path("accessToken").asString(""), rejected));
    }

    private boolean refreshable(String identifier, ObjectNode config) {
        return providers.find(identifier).map(OAuthProvider::configured).orElse(false) && hasRefreshToken(config);
    }

    /**
     * Whether the tokens need the platform now: to be refreshed ahead of their expiry, or, with no
     * refresh token, because they lapsed. Unknown expiries and platforms this server has no client
     * for are left to the platform's answer.
     */
    private boolean due(Integration integration, ObjectNode config) {
        var expiresAt = integration.tokenExpiresAt();
        if (expiresAt == null
                || !providers
                        .find(integration.identifier())
                        .map(OAuthProvider::configured)
                        .orElse(false)) {
            return false;
        }
        var now = clock.instant();
        return hasRefreshToken(config) ? !expiresAt.isAfter(now.plus(AHEAD)) : !expiresAt.isAfter(now);
    }

    private static boolean hasRefreshToken(ObjectNode config) {
        return !config.path("refreshToken").asString("").isEmpty();
    }

    /** Refreshes under the row lock when {@code stillNeeded} says so of what the row holds once locked. */
    private Credentials refresh(UUID integrationId, BiPredicate<Integration, ObjectNode> stillNeeded) {
        Outcome outcome;
        try {
            outcome = transaction.execute(status -> {
                jdbc.sql("select set_config('lock_timeout', :timeout, true)")
                        .param("timeout", lockTimeout.toMillis() + "ms")
                        .query(String.class)
                        .single();
                var locked = integrations
                        .lockForTokens(integrationId)
                        .orElseThrow(() -> new PlatformException("The integration was deleted"));
                if (locked.refreshNeeded()) {
                    return new Outcome(null, Reconnect.message(locked));
                }
                var held = secrets.open(locked);
                if (!stillNeeded.test(locked, held)) {
                    return new Outcome(new Credentials(held, true), null);
                }
                return refreshLocked(locked, held);
            });
        } catch (PessimisticLockingFailureException e) {
            throw new PublishDeferredException(
                    "Another node held the integration's tokens for longer than expected; the post waits",
                    clock.instant().plus(RETRY_AFTER_UNREACHABLE));
        }
        if (outcome.reconnect() != null) {
            throw new PlatformException(outcome.reconnect());
        }
        return outcome.credentials();
    }

    private Outcome refreshLocked(Integration locked, ObjectNode held) {
        var provider = providers.find(locked.identifier()).orElseThrow();
        var now = clock.instant();
        if (!hasRefreshToken(held)) {
            var reason = "its access token expired at " + locked.tokenExpiresAt() + " and " + provider.platform()
                    + " gave no refresh token to renew it";
            log.warn("Integration {} ({}) must be reconnected: {}", locked.id(), locked.identifier(), reason);
            Reconnect.needed(locked, reason, now, events);
            return new Outcome(null, Reconnect.message(locked));
        }
        OAuthTokens tokens;
        try {
            tokens = provider.refresh(new OAuthTokens(
                    held.path("accessToken").asString(""),
                    held.path("refreshToken").asString(""),
                    locked.tokenExpiresAt()));
        } catch (TokenRefusedException e) {
            log.warn("Integration {} ({}) must be reconnected: {}", locked.id(), locked.identifier(), e.getMessage());
            Reconnect.needed(locked, e.getMessage(), now, events);
            return new Outcome(null, Reconnect.message(locked));
        } catch (PlatformException e) {
            log.warn("Refreshing the tokens of integration {} failed: {}", locked.id(), e.getMessage());
            throw new PublishDeferredException(
                    "Could not refresh the access token (" + e.getMessage() + "); the post waits",
                    now.plus(RETRY_AFTER_UNREACHABLE));
        }
        held.put("accessToken", tokens.accessToken());
        if (tokens.refreshToken() != null) {
            held.put("refreshToken", tokens.refreshToken()); // platforms that rotate them answer a new one
        }
        var fields = publishers.get(locked.identifier()).secretFields();
        locked.tokensRefreshed(
                secrets.visible(held, fields).toString(),
                secrets.seal(locked.id(), held, fields),
                tokens.expiresAt(),
                now);
        log.info("Refreshed the tokens of integration {} ({})", locked.id(), locked.identifier());
        return new Outcome(new Credentials(held, true), null);
    }

    /** A configuration to publish with, and whether its tokens can be refreshed. */
    record Credentials(ObjectNode config, boolean refreshable) {

        @Override
        public String toString() {
            return "Credentials[refreshable=" + refreshable + "]";
        }
    }

    /** What the locked transaction found: credentials, or why the channel must be reconnected. */
    private record Outcome(Credentials credentials, String reconnect) {}
}
