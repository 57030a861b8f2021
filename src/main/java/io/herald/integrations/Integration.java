package io.herald.integrations;

import io.herald.kernel.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A connected channel: one account on one platform, owned by an organization. */
@Entity
@Table(name = "integrations")
class Integration {

    @Id
    private UUID id;

    private UUID organizationId;

    private UUID customerId;

    private String name;

    private String identifier;

    private String picture;

    private String profile;

    private boolean disabled;

    private Integer[] postingTimes;

    @JdbcTypeCode(SqlTypes.JSON)
    private String config;

    /** The secret part of the configuration, sealed (see {@link IntegrationSecrets}); null when it has none. */
    private byte[] secrets;

    private String accountId;

    private Instant tokenExpiresAt;

    private boolean refreshNeeded;

    private String reconnectReason;

    private Instant createdAt;

    private Instant updatedAt;

    private Instant deletedAt;

    protected Integration() {}

    /**
     * The integration in a row of {@code select * from integrations}, read without the ORM: a
     * publication reads its integration so, for a fraction of the ORM's cost. Not managed: nothing
     * changed on it is stored.
     */
    static Integration stored(ResultSet row) throws SQLException {
        var integration = new Integration();
        integration.id = row.getObject("id", UUID.class);
        integration.organizationId = row.getObject("organization_id", UUID.class);
        integration.customerId = row.getObject("customer_id", UUID.class);
        integration.name = row.getString("name");
        integration.identifier = row.getString("identifier");
        integration.picture = row.getString("picture");
        integration.profile = row.getString("profile");
        integration.disabled = row.getBoolean("disabled");
        integration.postingTimes = (Integer[]) row.getArray("posting_times").getArray();
        integration.config = row.getString("config");
        integration.secrets = row.getBytes("secrets");
        integration.accountId = row.getString("account_id");
        integration.tokenExpiresAt = instant(row, "token_expires_at");
        integration.refreshNeeded = row.getBoolean("refresh_needed");
        integration.reconnectReason = row.getString("reconnect_reason");
        integration.createdAt = instant(row, "created_at");
        integration.updatedAt = instant(row, "updated_at");
        integration.deletedAt = instant(row, "deleted_at");
        return integration;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        var value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    Integration(
            UUID organizationId,
            UUID customerId,
            String name,
            String identifier,
            String picture,
            String profile,
            List<Integer> postingTimes,
            String config,
            Instant now) {
        this.id = Ids.next();
        this.organizationId = organizationId;
        this.customerId = customerId;
        this.name = name;
        this.identifier = identifier;
        this.picture = picture;
        this.profile = profile;
        this.postingTimes = postingTimes.toArray(Integer[]::new);
        this.config = config;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID customerId() {
        return customerId;
    }

    String name() {
        return name;
    }

    String identifier() {
        return identifier;
    }

    String picture() {
        return picture;
    }

    String profile() {
        return profile;
    }

    boolean disabled() {
        return disabled;
    }

    List<Integer> postingTimes() {
        return Arrays.asList(postingTimes);
    }

    String config() {
        return config;
    }

    byte[] secrets() {
        return secrets;
    }

    String accountId() {
        return accountId;
    }

    Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    boolean refreshNeeded() {
        return refreshNeeded;
    }

    String reconnectReason() {
        return reconnectReason;
    }

    boolean deleted() {
        return deletedAt != null;
    }

    void rename(String name, Instant now) {
        this.name = name;
        this.updatedAt = now;
    }

    void describe(String picture, String profile, Instant now) {
        this.picture = picture;
        this.profile = profile;
        this.updatedAt = now;
    }

    void disable(boolean disabled, Instant now) {
        this.disabled = disabled;
        this.updatedAt = now;
    }

    /**
     * New configuration, secrets included (an admin gave new tokens): whatever refreshing had
     * failed on no longer applies, and the expiry of the tokens is unknown.
     */
    void reconfigure(String config, byte[] secrets, Instant now) {
        this.config = config;
        this.secrets = secrets;
        this.tokenExpiresAt = null;
        this.refreshNeeded = false;
        this.reconnectReason = null;
        this.updatedAt = now;
    }

    /** The account was connected (again) through its platform's authorization: fresh tokens, fresh profile. */
    void connected(
            String accountId,
            String name,
            String picture,
            String profile,
            String config,
            byte[] secrets,
            Instant tokenExpiresAt,
            Instant now) {
        this.accountId = accountId;
        this.name = name;
        this.picture = picture;
        this.profile = profile;
        reconfigure(config, secrets, now);
        this.tokenExpiresAt = tokenExpiresAt;
    }

    void tokensRefreshed(String config, byte[] secrets, Instant tokenExpiresAt, Instant now) {
        sealSecrets(config, secrets, now);
        this.tokenExpiresAt = tokenExpiresAt;
    }

    /** The same configuration, its secrets now sealed apart from the readable rest. */
    void sealSecrets(String config, byte[] secrets, Instant now) {
        this.config = config;
        this.secrets = secrets;
        this.updatedAt = now;
    }

    /** The platform refused to refresh the tokens: nothing publishes here until the account is connected again. */
    void needsReconnecting(String reason, Instant now) {
        this.refreshNeeded = true;
        this.reconnectReason = reason;
        this.updatedAt = now;
    }

    void schedule(List<Integer> postingTimes, Instant now) {
        this.postingTimes = postingTimes.toArray(Integer[]::new);
        this.updatedAt = now;
    }

    void delete(Instant now) {
        this.deletedAt = now;
        this.updatedAt = now;
    }
}
