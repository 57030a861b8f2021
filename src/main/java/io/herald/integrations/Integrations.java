package io.herald.integrations;

import io.herald.kernel.Ids;
import io.herald.organizations.CustomerRef;
import io.herald.organizations.Organizations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Integrations (connected channels). The module's API for the others. */
@Service
public class Integrations {

    private static final Logger log = LoggerFactory.getLogger(Integrations.class);

    static final List<Integer> DEFAULT_POSTING_TIMES = List.of(120, 400, 700);

    /**
     * What {@link #usable} makes channels of, in plain SQL: without the configuration and the
     * secrets, which a create does not need (the ORM's read of the whole integration was a sixth of
     * a create's time).
     */
    private static final String USABLE = """
            select i.id, i.organization_id, i.name, i.identifier, i.picture, i.profile, i.refresh_needed,
                   i.posting_times, c.id as customer_id, c.name as customer_name
            from integrations i left join customers c on c.id = i.customer_id
            where i.organization_id = :organization and i.id = any(:ids) and i.deleted_at is null and not i.disabled""";

    private final IntegrationRepository integrations;

    private final JdbcClient jdbc;

    private final Publishers publishers;

    private final Organizations organizations;

    private final ApplicationEventPublisher events;

    private final JsonMapper json;

    private final Clock clock;

    private final PlatformMetrics metrics;

    private final IntegrationSecrets secrets;

    private final TokenRefresher tokens;

    private final PlatformHttp http;

    Integrations(
            IntegrationRepository integrations,
            JdbcClient jdbc,
            Publishers publishers,
            Organizations organizations,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock,
            PlatformMetrics metrics,
            IntegrationSecrets secrets,
            TokenRefresher tokens,
            PlatformHttp http) {
        this.integrations = integrations;
        this.jdbc = jdbc;
        this.publishers = publishers;
        this.organizations = organizations;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.metrics = metrics;
        this.secrets = secrets;
        this.tokens = tokens;
        this.http = http;
    }

    /** The organization's integrations among {@code ids} that can take posts: not deleted, not disabled. */
    @Transactional(readOnly = true)
    public Map<UUID, Channel> usable(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql(USABLE)
                .param("organization", organizationId)
                .param("ids", ids.toArray(UUID[]::new))
                .query((row, n) -> {
                    var customer = row.getObject("customer_id", UUID.class);
                    var identifier = row.getString("identifier");
                    return new Channel(
                            row.getObject("id", UUID.class),
                            row.getObject("organization_id", UUID.class),
                            row.getString("name"),
                            identifier,
                            row.getString("picture"),
                            row.getString("profile"),
                            false,
                            row.getBoolean("refresh_needed"),
                            customer == null ? null : new CustomerRef(customer, row.getString("customer_name")),
                            Arrays.asList(
                                    (Integer[]) row.getArray("posting_times").getArray()),
                            publishers.get(identifier).limits());
                })
                .list()
                .stream()
                .collect(Collectors.toMap(Channel::id, Function.identity()));
    }

    /** The organization's integrations that are not deleted (disabled ones included), oldest first. */
    @Transactional(readOnly = true)
    public List<Channel> list(UUID organizationId) {
        var customers = customersOf(organizationId);
        return integrations.findLiveOfOrganization(organizationId).stream()
                .map(integration -> channel(integration, customers))
                .toList();
    }

    /**
     * Sends the post through the integration's publisher, every platform call of it bounded to end
     * within {@code timeLimit}. Call it outside any transaction: the platform may take seconds. Only
     * a failure to read the integration itself (its database) is thrown, before anything is sent;
     * every failure after that, the platform's or Herald's own, comes back as
     * {@link PublishResult.Failed} (or {@link PublishResult.Deferred} when the platform asked for the
     * post later).
     */
    public PublishResult publish(UUID integrationId, Publication publication, Duration timeLimit) {
        var integration = jdbc.sql("select * from integrations where id = :id")
                .param("id", integrationId)
                .query((row, n) -> Integration.stored(row))
                .optional()
                .orElse(null);
        if (integration == null || integration.deleted()) {
            return new PublishResult.Failed("The integration was deleted");
        }
        if (integration.disabled()) {
            return new PublishResult.Failed("The integration " + integration.name() + " is disabled");
        }
        if (integration.refreshNeeded()) {
            return new PublishResult.Failed(Reconnect.message(integration));
        }
        return metrics.timed(
                integration.identifier(), () -> http.within(timeLimit, () -> send(integration, publication)));
    }

    /**
     * Publishes with fresh tokens; when the platform refuses the access token (401) it is refreshed
     * once and the post sent again: a refused token means the platform made nothing.
     */
    private PublishResult send(Integration integration, Publication publication) {
        var publisher = publishers.get(integration.identifier());
        var channel = channel(integration, Map.of());
        try {
            var credentials = tokens.current(integration);
            try {
                return new PublishResult.Published(publisher.publish(publication, channel, credentials.config()));
            } catch (PlatformRefusedException e) {
                if (e.status() != 401 || !credentials.refreshable()) {
                    throw e;
                }
                log.info(
                        "{} refused the access token of integration {}; refreshing it once",
                        channel.identifier(),
                        channel.id());
                var renewed = tokens.afterRejection(integration.id(), credentials);
                return new PublishResult.Published(publisher.publish(publication, channel, renewed.config()));
            }
        } catch (PublishDeferredException e) {
            log.info("Post {} waits until {}: {}", publication.postId(), e.until(), e.getMessage());
            return new PublishResult.Deferred(e.until(), e.getMessage());
        } catch (PlatformException e) {
            log.warn("Post {} failed on {}: {}", publication.postId(), integration.identifier(), e.getMessage());
            return new PublishResult.Failed(e.getMessage());
        } catch (RuntimeException | Error e) {
            // the send may have reached the platform: it must not look like nothing went out
            log.error("Post {} failed on {}", publication.postId(), integration.identifier(), e);
            return new PublishResult.Failed("Herald failed while publishing; the outcome is unknown");
        }
    }

    /** The provider ({@code identifier}) of an integration, deleted or not; it never changes. */
    @Transactional(readOnly = true)
    public String identifier(UUID integrationId) {
        return integrations.findById(integrationId).map(Integration::identifier).orElse("unknown");
    }

    @Transactional
    Channel create(UUID organizationId, IntegrationDraft draft) {
        var errors = new ArrayList<String>();
        var publisher = publishers.find(draft.identifier());
        if (publisher.isEmpty()) {
            errors.add("identifier " + draft.identifier() + " is not a supported provider");
        } else {
            errors.addAll(publisher.get().configErrors(draft.config()));
        }
        var postingTimes = draft.postingTimes() == null ? DEFAULT_POSTING_TIMES : draft.postingTimes();
        errors.addAll(postingTimeErrors(postingTimes));
        CustomerRef customer = null;
        if (draft.customerId() != null) {
            var found = organizations.customers(organizationId).stream()
                    .filter(c -> c.id().toString().equals(draft.customerId()))
                    .findFirst();
            if (found.isEmpty()) {
                errors.add("customerId " + draft.customerId() + " is not a customer of this organization");
            } else {
                customer = found.get();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidIntegrationException(errors);
        }
        var now = clock.instant();
        var integration = new Integration(
                organizationId,
                customer == null ? null : customer.id(),
                draft.name(),
                draft.identifier(),
                draft.picture(),
                draft.profile(),
                postingTimes,
                "{}",
                now);
        configure(integration, publisher.get(), draft.config(), now);
        integrations.save(integration);
        return channel(integration, customer == null ? Map.of() : Map.of(customer.id(), customer));
    }

    @Transactional
    Channel update(String integrationId, IntegrationChanges changes) {
        var integration = requireLive(integrationId);
        var now = clock.instant();
        var errors = new ArrayList<String>();
        if (changes.config() != null) {
            errors.addAll(publishers.get(integration.identifier()).configErrors(changes.config()));
        }
        if (changes.postingTimes() != null) {
            errors.addAll(postingTimeErrors(changes.postingTimes()));
        }
        if (changes.name() != null && changes.name().isBlank()) {
            errors.add("name must not be blank");
        }
        if (!errors.isEmpty()) {
            throw new InvalidIntegrationException(errors);
        }
        if (changes.name() != null) {
            integration.rename(changes.name().trim(), now);
        }
        if (changes.disabled() != null) {
            integration.disable(changes.disabled(), now);
        }
        if (changes.config() != null) {
            configure(integration, publishers.get(integration.identifier()), changes.config(), now);
        }
        if (changes.postingTimes() != null) {
            integration.schedule(changes.postingTimes(), now);
        }
        if (changes.picture() != null || changes.profile() != null) {
            integration.describe(
                    changes.picture() != null ? changes.picture() : integration.picture(),
                    changes.profile() != null ? changes.profile() : integration.profile(),
                    now);
        }
        return channel(integration, customersOf(integration.organizationId()));
    }

    /** Deletes the integration; its unpublished posts go in the same transaction (see {@link IntegrationDeleted}). */
    @Transactional
    UUID delete(String integrationId) {
        var integration = requireLive(integrationId);
        integration.delete(clock.instant());
        events.publishEvent(new IntegrationDeleted(integration.organizationId(), integration.id()));
        return integration.id();
    }

    /**
     * Deletes the organization's integration, as {@link #delete(String)} does; another
     * organization's is not found. Answers the integration as it was.
     */
    @Transactional
    Channel delete(UUID organizationId, String integrationId) {
        var integration = requireLive(integrationId);
        if (!integration.organizationId().equals(organizationId)) {
            throw IntegrationNotFoundException.forId(integrationId);
        }
        var channel = channel(integration, customersOf(organizationId));
        delete(integrationId);
        return channel;
    }

    List<String> supportedProviders() {
        return publishers.identifiers();
    }

    /** Stores a whole configuration: its secret fields sealed, the rest readable. */
    private void configure(Integration integration, Publisher publisher, JsonNode config, Instant now) {
        var fields = publisher.secretFields();
        integration.reconfigure(
                secrets.visible(config, fields).toString(), secrets.seal(integration.id(), config, fields), now);
    }

    /**
     * Seals the secrets that integrations made before secrets were sealed still keep readable in
     * their {@code config}; they publish the same afterwards. Nodes starting together may both do
     * it: each writes the same configuration.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void sealReadableSecrets() {
        var now = clock.instant();
        var sealed = 0;
        for (var integration : integrations.findWithoutSealedSecrets()) {
            var publisher = publishers.find(integration.identifier());
            if (publisher.isEmpty()) {
                continue;
            }
            var config = json.readTree(integration.config());
            if (publisher.get().secretFields().stream().anyMatch(config::has)) {
                var fields = publisher.get().secretFields();
                integration.sealSecrets(
                        secrets.visible(config, fields).toString(),
                        secrets.seal(integration.id(), config, fields),
                        now);
                sealed++;
            }
        }
        if (sealed > 0) {
            log.info("Sealed the secrets {} integration(s) kept readable in their configuration", sealed);
        }
    }

    private Integration requireLive(String integrationId) {
        return Ids.parse(integrationId)
                .flatMap(integrations::findLive)
                .orElseThrow(() -> IntegrationNotFoundException.forId(integrationId));
    }

    private Map<UUID, CustomerRef> customersOf(UUID organizationId) {
        return organizations.customers(organizationId).stream()
                .collect(Collectors.toMap(CustomerRef::id, Function.identity()));
    }

    private Channel channel(Integration integration, Map<UUID, CustomerRef> customers) {
        return new Channel(
                integration.id(),
                integration.organizationId(),
                integration.name(),
                integration.identifier(),
                integration.picture(),
                integration.profile(),
                integration.disabled(),
                integration.refreshNeeded(),
                integration.customerId() == null ? null : customers.get(integration.customerId()),
                integration.postingTimes(),
                publishers.get(integration.identifier()).limits());
    }

    private static List<String> postingTimeErrors(List<Integer> postingTimes) {
        var errors = new ArrayList<String>();
        if (postingTimes.isEmpty()) {
            errors.add("postingTimes must hold at least one time");
        }
        if (postingTimes.stream().anyMatch(t -> t == null || t < 0 || t >= 24 * 60)) {
            errors.add("postingTimes must be minutes after UTC midnight, from 0 to 1439");
        }
        if (new HashSet<>(postingTimes).size() != postingTimes.size()) {
            errors.add("postingTimes must not repeat a time");
        }
        return errors;
    }

    record IntegrationDraft(
            String name,
            String identifier,
            String picture,
            String profile,
            String customerId,
            List<Integer> postingTimes,
            JsonNode config) {}

    record IntegrationChanges(
            String name,
            Boolean disabled,
            JsonNode config,
            String picture,
            String profile,
            List<Integer> postingTimes) {}
}
