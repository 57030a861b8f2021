package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.instagram.FakeInstagram;
import io.herald.integrations.linkedin.FakeLinkedIn;
import io.herald.integrations.x.FakeX;
import io.herald.support.Forms;
import io.herald.support.HeraldClient;
import io.herald.support.HeraldInstance;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No token (nor password, signing secret or PKCE verifier) appears in clear in any answer, log line
 * or column of the database (spec §12): the dump is every text, JSON and binary column of every
 * table, searched for every secret the platforms issued or the admin gave.
 */
@ChannelsTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsAtRestIntegrationTests {

    private static final FakeX x = FakePlatforms.X;

    private static final FakeLinkedIn linkedin = FakePlatforms.LINKEDIN;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Integrations integrations;

    HeraldClient client;

    Tenant tenant;

    final List<String> answers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        x.reset();
        linkedin.reset();
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
    }

    @Test
    void noSecretAppearsInAnyAnswerLogLineOrColumnOfTheDatabase(CapturedOutput output) {
        // an X account whose token is refreshed before its first post, and a LinkedIn member
        x.tokensLast(Duration.ofMinutes(1));
        var account = Browser.connect(tenant, "x");
        x.tokensLast(Duration.ofHours(2));
        linkedin.issueRefreshTokens();
        Browser.connect(tenant, "linkedin");
        // a choice of pages left open (its accounts' tokens wait, sealed) and an authorization not finished
        linkedin.administers("1", "One", "one");
        linkedin.administers("2", "Two", "two");
        answers.add(Browser.open(Browser.authorize(connect("linkedin-page"))).body());
        var unfinished = connect("x");
        // secrets given by hand
        var secrets = new ArrayList<>(List.of("mastodon-token-3f9a", "webhook-secret-77c1", "bluesky-pass-0b2e"));
        answers.add(admin("""
                {"name":"Toots","identifier":"mastodon","config":{"instanceUrl":"https://m.test","accessToken":"%s"}}""".formatted(secrets.get(0))));
        answers.add(admin("""
                {"name":"Hook","identifier":"webhook","config":{"url":"https://h.test","secret":"%s"}}""".formatted(secrets.get(1))));
        answers.add(admin("""
                {"name":"Sky","identifier":"bluesky","config":{"service":"https://b.test","identifier":"me","appPassword":"%s"}}""".formatted(secrets.get(2))));
        // the chat platforms' bot tokens, by hand and through their connections
        FakePlatforms.SLACK.reset();
        FakePlatforms.DISCORD.reset();
        Browser.connect(tenant, "slack");
        Browser.connect(tenant, "discord");
        answers.add(admin("{\"name\":\"Bot\",\"identifier\":\"telegram\",\"config\":{\"botToken\":\""
                + io.herald.integrations.telegram.FakeTelegram.TOKEN + "\",\"chatId\":\"@heraldnews\"}}"));
        answers.add(admin("{\"name\":\"Own\",\"identifier\":\"discord\",\"config\":{\"botToken\":\""
                + io.herald.integrations.discord.FakeDiscord.OWN_BOT_TOKEN + "\"}}"));
        secrets.add(io.herald.integrations.telegram.FakeTelegram.TOKEN);
        secrets.add(io.herald.integrations.discord.FakeDiscord.OWN_BOT_TOKEN);
        secrets.addAll(FakePlatforms.SLACK.issuedTokens());
        secrets.addAll(FakePlatforms.DISCORD.issuedTokens());
        var minted = x.mint(FakeX.ME);
        answers.add(admin("{\"name\":\"Hand\",\"identifier\":\"x\",\"config\":{\"accessToken\":\"" + minted + "\"}}"));
        var postId =
                tenant.createPosts("""
                        {"type":"now","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"Sealed"}]}]}""".formatted(account)).get(0).path("postId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> x.tweets().size() == 1);
        answers.add(tenant.get("/public/v1/integrations").body());
        answers.add(tenant.get("/public/v1/posts?startDate=2000-01-01&endDate=2100-01-01")
                .body());

        secrets.addAll(x.issuedTokens());
        secrets.addAll(linkedin.issuedTokens());
        x.grants().forEach(grant -> {
            if (grant.containsKey("code_verifier")) {
                secrets.add(grant.get("code_verifier"));
            }
        });
        var state = Forms.queryOf(unfinished).get("state");
        assertThat(x.grants("refresh_token"))
                .as("a refreshed token is among them")
                .hasSize(1);
        assertThat(secrets).hasSizeGreaterThan(10);

        for (var secret : secrets) {
            assertThat(columnsHolding(secret)).as("columns holding %s", secret).isEmpty();
            assertThat(answers).as("answers").noneMatch(answer -> answer.contains(secret));
            assertThat(output.getAll()).as("the log").doesNotContain(secret);
        }
        // the state is in the authorization URL, meant for the browser; it is kept only as a digest
        assertThat(columnsHolding(state)).isEmpty();
        assertThat(output.getAll()).doesNotContain(state);
        assertThat(postId).isNotBlank();
    }

    @Test
    void noMetaTokenAppearsInAnyAnswerLogLineOrColumnOfTheDatabase(CapturedOutput output) {
        var facebook = FakePlatforms.FACEBOOK;
        var instagram = FakePlatforms.INSTAGRAM;
        var threads = FakePlatforms.THREADS;
        facebook.reset();
        instagram.reset();
        threads.reset();
        // two Facebook pages on offer (their tokens wait, sealed), an Instagram account and a Threads account connected
        var secrets =
                new ArrayList<>(List.of(facebook.manages("1001", "One", null), facebook.manages("1002", "Two", null)));
        answers.add(Browser.open(Browser.authorize(connect("facebook"))).body());
        secrets.add(instagram.links(
                "2002", "Studio page", new FakeInstagram.Account("17841400000000001", "studio", "Studio", null)));
        Browser.connect(tenant, "instagram");
        var account = Browser.connect(tenant, "threads");
        tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"Sealed"}]}]}""".formatted(account));
        await().atMost(Duration.ofSeconds(30)).until(() -> threads.posts().size() == 1);
        answers.add(tenant.get("/public/v1/integrations").body());

        secrets.addAll(facebook.login().issuedTokens());
        secrets.addAll(instagram.login().issuedTokens());
        secrets.addAll(threads.issuedTokens());
        assertThat(secrets).hasSize(9);

        for (var secret : secrets) {
            assertThat(columnsHolding(secret)).as("columns holding %s", secret).isEmpty();
            assertThat(answers).as("answers").noneMatch(answer -> answer.contains(secret));
            assertThat(output.getAll()).as("the log").doesNotContain(secret);
        }
    }

    @Test
    void integrationsMadeBeforeSecretsWereSealedAreSealedAtStartAndStillPublish() throws Exception {
        try (var hook = new PlatformStub()) {
            var id = UUID.randomUUID();
            jdbc.sql("""
                            insert into integrations (id, organization_id, name, identifier, disabled, posting_times,
                                                      config, created_at, updated_at)
                            values (:id, :organization, 'Old hook', 'webhook', false, '{120}',
                                    cast(:config as jsonb), now(), now())""")
                    .param("id", id)
                    .param("organization", UUID.fromString(tenant.id()))
                    .param("config", "{\"url\":\"" + hook.url("/in") + "\",\"secret\":\"old-secret-5d1\"}")
                    .update();

            integrations.sealReadableSecrets();

            assertThat(columnsHolding("old-secret-5d1")).isEmpty();
            assertThat(jdbc.sql("select config::text from integrations where id = :id")
                            .param("id", id)
                            .query(String.class)
                            .single())
                    .isEqualTo("{\"url\": \"" + hook.url("/in") + "\"}");
            tenant.createPosts("""
                    {"type":"now","shortLink":false,"tags":[],
                     "posts":[{"integration":{"id":"%s"},"value":[{"content":"Still signed"}]}]}""".formatted(id));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !hook.received("/in").isEmpty());
            var delivery = hook.received("/in").get(0);
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("old-secret-5d1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var signed = mac.doFinal((delivery.header("X-Herald-Timestamp") + "." + delivery.bodyText())
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(delivery.header("X-Herald-Signature"))
                    .isEqualTo("sha256=" + HexFormat.of().formatHex(signed));
        }
    }

    @Test
    void aNodeWithAnotherSecretsKeyRefusesToStart() {
        var other = "herald.secrets.key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> HeraldInstance.start(other).close())
                .rootCause()
                .hasMessage(
                        "This node's secrets key (herald.secrets.key, HERALD_SECRETS_KEY, or the key file) is not the"
                                + " key the database's secrets were sealed with. Start it with the key the other nodes use; the"
                                + " stored tokens cannot be read without it.");
    }

    /** Every text, JSON, array or binary column of every table that holds {@code secret}, as {@code table.column}. */
    private List<String> columnsHolding(String secret) {
        var columns = jdbc.sql("""
                        select table_name, column_name, data_type from information_schema.columns
                        where table_schema = current_schema()
                          and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
                        order by table_name, column_name""")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .list();
        assertThat(columns)
                .extracting(column -> column[0] + "." + column[1])
                .contains("integrations.config", "integrations.secrets", "oauth_states.sealed", "posts.content");
        var holding = new ArrayList<String>();
        for (var column : columns) {
            var name = "\"" + column[0] + "\".\"" + column[1] + "\"";
            var found = column[2].equals("bytea")
                    ? "position(convert_to(:secret, 'UTF8') in " + name + ") > 0"
                    : "position(:secret in " + name + "::text) > 0";
            var count = jdbc.sql("select count(*) from \"" + column[0] + "\" where " + found)
                    .param("secret", secret)
                    .query(Long.class)
                    .single();
            if (count > 0) {
                holding.add(column[0] + "." + column[1]);
            }
        }
        return holding;
    }

    private String connect(String provider) {
        var answer = client.post(
                "/admin/v1/organizations/" + tenant.id() + "/integrations/connect",
                Tenant.ADMIN,
                "{\"provider\":\"" + provider + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("url").asString();
    }

    private String admin(String body) {
        var answer = client.post("/admin/v1/organizations/" + tenant.id() + "/integrations", Tenant.ADMIN, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.body();
    }
}
