package io.herald.integrations;

import io.herald.kernel.Digests;
import io.herald.organizations.Organizations;
import io.herald.web.PublicUrl;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connecting accounts through their platform's OAuth 2 authorization: the authorization URL, and
 * the browser's return to {@code /integrations/oauth/<provider>/callback}, which turns the code into
 * tokens and the account into an integration (or refreshes the one it already is).
 *
 * <p>An attempt's {@code state} is a random token kept in PostgreSQL (as its SHA-256), so any node
 * may take the callback. It is bound to the organization (and customer) that asked, lasts ten
 * minutes and is used once: taking it deletes it, so a second use finds nothing, whoever tries.
 * PKCE's verifier is sealed beside it. Nothing else changes until the platform has answered well.
 */
@Service
class Connections {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    /** How long the browser has between the authorization URL and the callback (the contract's ten minutes). */
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private static final String INSERT = """
            insert into oauth_states (token_hash, organization_id, provider, customer_id, sealed, choosing,
                                      expires_at, created_at)
            values (:hash, :organization, :provider, :customer, :sealed, :choosing, :expiresAt, :now)""";

    private static final String TAKE = """
            delete from oauth_states where token_hash = :hash and provider = :provider and choosing = :choosing
            returning organization_id, customer_id, sealed, expires_at""";

    private static final String EXPIRED = "delete from oauth_states where expires_at < :now";

    private final OAuthProviders providers;

    private final Publishers publishers;

    private final Organizations organizations;

    private final IntegrationRepository integrations;

    private final IntegrationSecrets integrationSecrets;

    private final Secrets secrets;

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    private final PublicUrl publicUrl;

    private final JsonMapper json;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    Connections(
            OAuthProviders providers,
            Publishers publishers,
            Organizations organizations,
            IntegrationRepository integrations,
            IntegrationSecrets integrationSecrets,
            Secrets secrets,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            PublicUrl publicUrl,
            JsonMapper json,
            Clock clock) {
        this.providers = providers;
        this.publishers = publishers;
        this.organizations = organizations;
        this.integrations = integrations;
        this.integrationSecrets = integrationSecrets;
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.publicUrl = publicUrl;
        this.json = json;
        this.clock = clock;
    }

    /** The providers whose accounts connect through OAuth. */
    List<String> oauthProviders() {
        return providers.identifiers();
    }

    /** Starts an authorization for the organization: where to send the browser. */
    URI start(UUID organizationId, String identifier, String customerId) {
        var provider = providers
                .find(identifier)
                .orElseThrow(() -> new ConnectionException(
                        ConnectionException.Reason.NOT_OAUTH,
                        "provider " + identifier + " does not connect through OAuth (those that do: "
                                + String.join(", ", oauthProviders()) + ")"));
        if (!provider.configured()) {
            throw new ConnectionException(
                    ConnectionException.Reason.NOT_CONFIGURED,
                    provider.platform() + " is not set up on this server: set herald.providers." + identifier
                            + ".client-id and client-secret");
        }
        var customer = customerId == null ? null : customer(organizationId, customerId);
        var state = randomToken();
        var verifier = randomToken();
        var now = clock.instant();
        transaction.executeWithoutResult(status -> {
            jdbc.sql(EXPIRED).param("now", at(now)).update();
            var hash = Digests.sha256(state);
            jdbc.sql(INSERT)
                    .param("hash", hash)
                    .param("organization", organizationId)
                    .param("provider", identifier)
                    .param("customer", customer)
                    .param("sealed", secrets.seal(verifier, context(hash)))
                    .param("choosing", false)
                    .param("expiresAt", at(now.plus(STATE_LIFETIME)))
                    .param("now", at(now))
                    .update();
        });
        return provider.authorizationUrl(state, challenge(verifier), redirectUri(identifier));
    }

    /**
     * The browser is back from the platform with a code (or the platform's refusal). Whatever
     * happens, the state is spent; nothing else changes unless the platform answered well.
     */
    Connection callback(String identifier, String state, String code, String error, String errorDescription) {
        try {
            var provider = provider(identifier);
            if (state == null || state.isEmpty()) {
                throw refused(
                        "The answer from " + provider.platform() + " carries no state, so it cannot be matched to a"
                                + " connection started here. Start the connection again.");
            }
            var started = take(identifier, state, false);
            if (error != null && !error.isEmpty()) {
                throw refused(sentence(provider.platform() + " did not authorize Herald: " + error
                                + (errorDescription == null || errorDescription.isEmpty()
                                        ? ""
                                        : " (" + errorDescription + ")"))
                        + " Nothing was changed.");
            }
            if (code == null || code.isEmpty()) {
                throw refused(provider.platform() + " sent no authorization code. Nothing was changed.");
            }
            var accounts = accounts(provider, code, started.content());
            if (accounts.isEmpty()) {
                throw refused("This " + provider.platform() + " account has nothing Herald can publish as (no page"
                        + " it administers). Nothing was changed.");
            }
            if (accounts.size() == 1) {
                return connect(started.organizationId(), started.customerId(), provider, accounts.get(0));
            }
            return offer(started, provider, accounts);
        } catch (Refusal refusal) {
            return refusal.refused;
        }
    }

    /** One of the offered accounts was chosen: it becomes the integration. */
    Connection choose(String identifier, String token, String accountId) {
        try {
            var provider = provider(identifier);
            if (token == null || token.isEmpty()) {
                throw refused("No choice was sent. Start the connection again.");
            }
            var choice = take(identifier, token, true);
            for (var offered : json.readTree(choice.content())) {
                if (offered.path("id").asString("").equals(accountId)) {
                    return connect(choice.organizationId(), choice.customerId(), provider, account(offered));
                }
            }
            throw refused("The chosen account was not among those offered. Start the connection again.");
        } catch (Refusal refusal) {
            return refusal.refused;
        }
    }

    private OAuthProvider provider(String identifier) {
        return providers
                .find(identifier)
                .orElseThrow(() -> new Refusal(new Connection.Refused(
                        404, "Unknown provider", "Herald connects no provider called " + identifier + ".")));
    }

    /** The code traded for tokens, and the accounts they publish as. */
    private List<ConnectedAccount> accounts(OAuthProvider provider, String code, String verifier) {
        try {
            return provider.accounts(provider.exchange(code, verifier, redirectUri(provider.identifier())));
        } catch (TokenRefusedException e) {
            throw refused(sentence(e.getMessage()) + " Nothing was changed.");
        } catch (PlatformException e) {
            log.warn("Connecting a {} account failed: {}", provider.identifier(), e.getMessage());
            throw new Refusal(new Connection.Refused(
                    502,
                    "Not connected",
                    provider.platform() + " failed: " + sentence(e.getMessage()) + " Nothing was changed."));
        }
    }

    /** Creates the account's integration, or refreshes the one of the same account in the organization. */
    private Connection connect(UUID organizationId, UUID customerId, OAuthProvider provider, ConnectedAccount account) {
        try {
            return transaction.execute(status -> store(organizationId, customerId, provider, account));
        } catch (DataIntegrityViolationException e) {
            // the same account connected at the same moment through another attempt: it exists now
            return transaction.execute(status -> store(organizationId, customerId, provider, account));
        }
    }

    private Connection store(UUID organizationId, UUID customerId, OAuthProvider provider, ConnectedAccount account) {
        var now = clock.instant();
        var identifier = provider.identifier();
        var existing = integrations.findLiveAccount(organizationId, identifier, account.id());
        var integration = existing.orElseGet(() -> new Integration(
                organizationId,
                customerId,
                account.name(),
                identifier,
                account.picture(),
                account.handle(),
                Integrations.DEFAULT_POSTING_TIMES,
                "{}",
                now));
        var config = account.config().deepCopy();
        config.put("accessToken", account.tokens().accessToken());
        if (account.tokens().refreshToken() != null) {
            config.put("refreshToken", account.tokens().refreshToken());
        }
        var fields = publishers.get(identifier).secretFields();
        integration.connected(
                account.id(),
                account.name(),
                account.picture(),
                account.handle(),
                integrationSecrets.visible(config, fields).toString(),
                integrationSecrets.seal(integration.id(), config, fields),
                account.tokens().expiresAt(),
                now);
        if (existing.isEmpty()) {
            integrations.saveAndFlush(integration);
        }
        log.info(
                "{} {} account {} as integration {}",
                existing.isPresent() ? "Reconnected" : "Connected",
                identifier,
                account.id(),
                integration.id());
        return new Connection.Connected(
                provider.platform(), integration.id(), account.name(), account.handle(), existing.isPresent());
    }

    /** Keeps the offered accounts (tokens sealed) for ten minutes, under a new single-use token. */
    private Connection offer(Taken started, OAuthProvider provider, List<ConnectedAccount> accounts) {
        var offered = json.createArrayNode();
        var options = new ArrayList<Connection.Option>();
        for (var account : accounts) {
            var entry = offered.addObject()
                    .put("id", account.id())
                    .put("name", account.name())
                    .put("picture", account.picture())
                    .put("handle", account.handle())
                    .put("accessToken", account.tokens().accessToken())
                    .put("refreshToken", account.tokens().refreshToken());
            entry.put(
                    "expiresAt",
                    account.tokens().expiresAt() == null
                            ? null
                            : account.tokens().expiresAt().toString());
            entry.set("config", account.config());
            options.add(new Connection.Option(account.id(), account.name(), account.handle()));
        }
        var token = randomToken();
        var now = clock.instant();
        transaction.executeWithoutResult(status -> {
            var hash = Digests.sha256(token);
            jdbc.sql(INSERT)
                    .param("hash", hash)
                    .param("organization", started.organizationId())
                    .param("provider", provider.identifier())
                    .param("customer", started.customerId())
                    .param("sealed", secrets.seal(json.writeValueAsString(offered), context(hash)))
                    .param("choosing", true)
                    .param("expiresAt", at(now.plus(STATE_LIFETIME)))
                    .param("now", at(now))
                    .update();
        });
        return new Connection.Choice(provider.platform(), token, options);
    }

    private ConnectedAccount account(JsonNode offered) {
        var expiresAt = offered.path("expiresAt");
        return new ConnectedAccount(
                offered.path("id").asString(),
                text(offered, "name"),
                text(offered, "picture"),
                text(offered, "handle"),
                (ObjectNode) offered.path("config"),
                new OAuthTokens(
                        offered.path("accessToken").asString(),
                        text(offered, "refreshToken"),
                        expiresAt.isString() ? Instant.parse(expiresAt.asString()) : null));
    }

    /** Spends a state (or choice) token: what it was for, unless it is unknown, used or expired. */
    private Taken take(String identifier, String token, boolean choosing) {
        var hash = Digests.sha256(token);
        var taken = jdbc.sql(TAKE)
                .param("hash", hash)
                .param("provider", identifier)
                .param("choosing", choosing)
                .query((rs, row) -> new Taken(
                        rs.getObject("organization_id", UUID.class),
                        rs.getObject("customer_id", UUID.class),
                        secrets.open(rs.getBytes("sealed"), context(hash)),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional()
                .orElseThrow(() -> refused("This connection attempt is unknown or was already used. Start the"
                        + " connection again; nothing was changed."));
        if (taken.expiresAt().isBefore(clock.instant())) {
            throw refused("This connection attempt expired: the platform must answer within "
                    + STATE_LIFETIME.toMinutes() + " minutes. Start the connection again; nothing was changed.");
        }
        return taken;
    }

    private UUID customer(UUID organizationId, String customerId) {
        return organizations.customers(organizationId).stream()
                .filter(customer -> customer.id().toString().equals(customerId))
                .findFirst()
                .orElseThrow(() -> new ConnectionException(
                        ConnectionException.Reason.UNKNOWN_CUSTOMER,
                        "customerId " + customerId + " is not a customer of this organization"))
                .id();
    }

    private String redirectUri(String identifier) {
        return publicUrl.of("/integrations/oauth/" + identifier + "/callback");
    }

    private String randomToken() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** PKCE's S256 challenge (RFC 7636 §4.2); the verifier is ASCII, so its UTF-8 bytes are its ASCII bytes. */
    static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(verifier));
    }

    private static String context(byte[] hash) {
        return "oauth state " + HexFormat.of().formatHex(hash);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The text as a sentence: one full stop at its end. */
    private static String sentence(String text) {
        var trimmed = text.strip();
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }

    private static Refusal refused(String detail) {
        return new Refusal(new Connection.Refused(400, "Not connected", detail));
    }

    /**
     * A spent state's organization and customer, and its opened content: the PKCE verifier, or the
     * offered accounts with their tokens.
     */
    private record Taken(UUID organizationId, UUID customerId, String content, Instant expiresAt) {

        @Override
        public String toString() {
            return "Taken[organizationId=" + organizationId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Ends a connection attempt with a page that says why; nothing was changed. */
    private static final class Refusal extends RuntimeException {

        private final Connection.Refused refused;

        Refusal(Connection.Refused refused) {
            super(refused.detail(), null, false, false);
            this.refused = refused;
        }
    }
}
