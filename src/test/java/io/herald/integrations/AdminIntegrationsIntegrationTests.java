package io.herald.integrations;

import static io.herald.support.ExactJson.assertAnswer;
import static io.herald.support.ExactJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Herald's admin API for integrations: what it answers, how it refuses a configuration, and that
 * a configuration (URLs, tokens, secrets) never appears in any answer (spec §3, §8).
 */
@HeraldIntegrationTest
class AdminIntegrationsIntegrationTests {

    private static final String SECRET = "very-secret-value";

    private static final String WEBHOOK = "{\"url\":\"https://hooks.test/in\",\"secret\":\"" + SECRET + "\"}";

    private static final String MASTODON =
            "{\"instanceUrl\":\"https://mastodon.test\",\"accessToken\":\"" + SECRET + "\"}";

    private static final String BLUESKY =
            "{\"service\":\"https://bsky.social\",\"identifier\":\"me.test\",\"appPassword\":\"" + SECRET + "\"}";

    private static final String X = "{\"accessToken\":\"" + SECRET + "\",\"refreshToken\":\"" + SECRET + "-r\"}";

    private static final String LINKEDIN = "{\"author\":\"urn:li:person:abc\",\"accessToken\":\"" + SECRET + "\"}";

    private static final String LINKEDIN_PAGE =
            "{\"author\":\"urn:li:organization:42\",\"accessToken\":\"" + SECRET + "\"}";

    private static final String FACEBOOK = "{\"pageId\":\"1001\",\"accessToken\":\"" + SECRET + "\"}";

    private static final String INSTAGRAM = "{\"userId\":\"17841400000000001\",\"accessToken\":\"" + SECRET + "\"}";

    private static final String THREADS = "{\"userId\":\"25000000000000001\",\"accessToken\":\"" + SECRET + "\"}";

    private static final String WINDOW = "/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HeraldClient client;

    Tenant tenant;

    /** Every answer of a test, checked for configuration values after it. */
    final List<HeraldClient.Response> answers = new ArrayList<>();

    @BeforeEach
    void createTenant() {
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
    }

    @AfterEach
    void noAnswerShowsAConfiguration() {
        assertThat(answers)
                .allSatisfy(answer -> assertThat(answer.body())
                        .doesNotContain(SECRET, "s3cret", "hooks.test", "mastodon.test", "bsky.social"));
    }

    private HeraldClient.Response create(String body) {
        return remember(client.post("/admin/v1/organizations/" + tenant.id() + "/integrations", Tenant.ADMIN, body));
    }

    private HeraldClient.Response remember(HeraldClient.Response response) {
        answers.add(response);
        return response;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "webhook|" + WEBHOOK,
                "mastodon|" + MASTODON,
                "bluesky|" + BLUESKY,
                "x|" + X,
                "linkedin|" + LINKEDIN,
                "linkedin-page|" + LINKEDIN_PAGE,
                "facebook|" + FACEBOOK,
                "instagram|" + INSTAGRAM,
                "threads|" + THREADS
            })
    void createsAnIntegrationOfEveryProviderAndShowsItWithoutItsConfig(String identifier, String config) {
        var response = create("""
                {"name":" My channel ","identifier":"%s","picture":"https://pics.test/me.png","profile":"me",
                 "config":%s}""".formatted(identifier, config));

        var id = response.json().get("id").asString();
        assertAnswer(response, 201, """
                {"id":"%s","name":"My channel","identifier":"%s","picture":"https://pics.test/me.png",
                 "disabled":false,"profile":"me"}""".formatted(id, identifier));
        var stored = jdbc.sql("select organization_id::text, config::text, secrets from integrations where id = :id")
                .param("id", UUID.fromString(id))
                .query()
                .singleRow();
        assertThat(stored.get("organization_id")).isEqualTo(tenant.id());
        // the secret is sealed apart; the rest of the config stays readable
        assertThat((String) stored.get("config")).doesNotContain(SECRET);
        assertThat(new String((byte[]) stored.get("secrets"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(SECRET);
    }

    @Test
    void storesTheDefaultPostingTimes() {
        var id = create("""
                        {"name":"Hook","identifier":"webhook","config":%s}""".formatted(WEBHOOK)).json().get("id").asString();

        var times = jdbc.sql("select posting_times from integrations where id = :id")
                .param("id", UUID.fromString(id))
                .query((row, n) -> (Integer[]) row.getArray(1).getArray())
                .single();
        assertThat(times).containsExactly(120, 400, 700);
    }

    @Test
    void showsTheCustomerOfAnIntegration() {
        var customer = tenant.customer("Acme");

        var response = create("""
                {"name":"Hook","identifier":"webhook","customerId":"%s","postingTimes":[60,600],"config":%s}""".formatted(customer, WEBHOOK));

        assertAnswer(response, 201, """
                {"id":"%s","name":"Hook","identifier":"webhook","picture":null,"disabled":false,"profile":null,
                 "customer":{"id":"%s","name":"Acme"}}""".formatted(response.json().get("id").asString(), customer));
    }

    @Test
    void refusesStringsTheDatabaseCannotStoreAnywhereInTheIntegration() {
        var path = "/admin/v1/organizations/" + tenant.id() + "/integrations";

        var response = create("""
                {"name":"Hook\\u0000","identifier":"webhook","profile":"\\ud800","picture":"%s",
                 "config":{"url":"https://hooks.test","secret":"s\\u0000"}}""".formatted("https://p.test/" + "x".repeat(2048)));

        assertProblem(response, 400, """
                {"title":"Bad Request","status":400,
                 "detail":"config must not contain NUL or unpaired surrogate characters; name must not contain NUL or unpaired surrogate characters; picture size must be between 0 and 2048; profile must not contain NUL or unpaired surrogate characters",
                 "instance":"%s"}""".formatted(path));
        assertThat(integrationsOfTenant()).isZero();
    }

    @Test
    void refusesABadConfigWithEveryErrorAndTheSupportedProviders() {
        var path = "/admin/v1/organizations/" + tenant.id() + "/integrations";

        var response = create("""
                {"name":"Hook","identifier":"webhook","config":{"url":"ftp://hooks.test","secret":"","token":"x"}}""");

        assertProblem(response, 400, """
                {"title":"Bad Request","status":400,
                 "detail":"config.url must be an absolute http or https URL; config.secret must be a non-empty string; config.token is not a setting of this provider (expected url, secret)",
                 "instance":"%s",
                 "errors":["config.url must be an absolute http or https URL",
                           "config.secret must be a non-empty string",
                           "config.token is not a setting of this provider (expected url, secret)"],
                 "supportedProviders":["bluesky","discord","facebook","instagram","linkedin","linkedin-page","mastodon","slack","telegram","threads","webhook","x"]}""".formatted(path));
        assertThat(integrationsOfTenant()).isZero();
    }

    @Test
    void refusesAnUnknownProviderAndAMissingConfig() {
        var path = "/admin/v1/organizations/" + tenant.id() + "/integrations";

        assertProblem(create("{\"name\":\"X\",\"identifier\":\"myspace\",\"config\":{}}"), 400, """
                {"title":"Bad Request","status":400,"detail":"identifier myspace is not a supported provider",
                 "instance":"%s","errors":["identifier myspace is not a supported provider"],
                 "supportedProviders":["bluesky","discord","facebook","instagram","linkedin","linkedin-page","mastodon","slack","telegram","threads","webhook","x"]}""".formatted(path));
        assertProblem(create("{\"name\":\"X\",\"identifier\":\"mastodon\"}"), 400, """
                {"title":"Bad Request","status":400,"detail":"config must be an object with instanceUrl, accessToken",
                 "instance":"%s","errors":["config must be an object with instanceUrl, accessToken"],
                 "supportedProviders":["bluesky","discord","facebook","instagram","linkedin","linkedin-page","mastodon","slack","telegram","threads","webhook","x"]}""".formatted(path));
        assertThat(integrationsOfTenant()).isZero();
    }

    @Test
    void refusesAnotherOrganizationsCustomerAndBadPostingTimes() {
        var theirs = Tenant.create(client).customer("Theirs");

        var response = create("""
                {"name":"Hook","identifier":"webhook","customerId":"%s","postingTimes":[1440,5,5],"config":%s}""".formatted(theirs, WEBHOOK));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").toString())
                .isEqualTo("[\"postingTimes must be minutes after UTC midnight, from 0 to 1439\","
                        + "\"postingTimes must not repeat a time\","
                        + "\"customerId " + theirs + " is not a customer of this organization\"]");
        assertThat(integrationsOfTenant()).isZero();
    }

    @Test
    void disablesAndEnablesAnIntegration() {
        var id = tenant.integration("Hook", "webhook", WEBHOOK);
        var post = """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"hi"}]}]}""".formatted(id);

        var disabled = remember(tenant.patchIntegration(id, "{\"disabled\":true}"));

        assertAnswer(disabled, 200, """
                {"id":"%s","name":"Hook","identifier":"webhook","picture":"https://pics.test/Hook.png",
                 "disabled":true,"profile":"hook"}""".formatted(id));
        assertThat(remember(tenant.post("/public/v1/posts", post)).status()).isEqualTo(400);

        var enabled = remember(tenant.patchIntegration(id, "{\"disabled\":false,\"name\":\"Renamed\"}"));

        assertAnswer(enabled, 200, """
                {"id":"%s","name":"Renamed","identifier":"webhook","picture":"https://pics.test/Hook.png",
                 "disabled":false,"profile":"hook"}""".formatted(id));
        assertThat(remember(tenant.post("/public/v1/posts", post)).status()).isEqualTo(201);
    }

    @Test
    void replacesAConfigWithoutShowingIt() {
        var id = tenant.integration("Hook", "webhook", WEBHOOK);

        var response = remember(tenant.patchIntegration(
                id, "{\"config\":{\"url\":\"https://hooks.test/new\",\"secret\":\"" + SECRET + "2\"}}"));

        assertAnswer(response, 200, """
                {"id":"%s","name":"Hook","identifier":"webhook","picture":"https://pics.test/Hook.png",
                 "disabled":false,"profile":"hook"}""".formatted(id));
        assertThat(jdbc.sql("select config->>'url' from integrations where id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single())
                .isEqualTo("https://hooks.test/new");
    }

    @Test
    void refusesABadConfigChangeAndKeepsTheOldOne() {
        var id = tenant.integration("Hook", "webhook", WEBHOOK);

        var before = stored(id);

        var response = remember(tenant.patchIntegration(id, "{\"config\":{\"url\":\"nope\"},\"name\":\" \"}"));

        assertProblem(response, 400, """
                {"title":"Bad Request","status":400,
                 "detail":"config.url must be an absolute http or https URL; config.secret must be a non-empty string; name must not be blank",
                 "instance":"/admin/v1/integrations/%s",
                 "errors":["config.url must be an absolute http or https URL","config.secret must be a non-empty string",
                           "name must not be blank"],
                 "supportedProviders":["bluesky","discord","facebook","instagram","linkedin","linkedin-page","mastodon","slack","telegram","threads","webhook","x"]}""".formatted(id));
        assertThat(stored(id)).isEqualTo(before);
    }

    /** The stored config and the sealed secrets, as text. */
    private String stored(String id) {
        return jdbc.sql("select config::text || ' ' || encode(secrets, 'hex') from integrations where id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single();
    }

    @Test
    void answersAnUnknownIntegrationWithA404Problem() {
        for (var id : new String[] {UUID.randomUUID().toString(), "not-an-id"}) {
            assertProblem(remember(tenant.patchIntegration(id, "{\"disabled\":true}")), 404, """
                    {"title":"Not Found","status":404,"detail":"Integration %s not found",
                     "instance":"/admin/v1/integrations/%s"}""".formatted(id, id));
            assertProblem(remember(tenant.deleteIntegration(id)), 404, """
                    {"title":"Not Found","status":404,"detail":"Integration %s not found",
                     "instance":"/admin/v1/integrations/%s"}""".formatted(id, id));
        }
    }

    @Test
    void deletesAnIntegrationOnce() {
        var id = tenant.integration("Hook", "webhook", WEBHOOK);

        assertAnswer(remember(tenant.deleteIntegration(id)), 200, """
                {"id":"%s","deleted":true}""".formatted(id));
        assertThat(remember(tenant.deleteIntegration(id)).status()).isEqualTo(404);
        assertThat(remember(tenant.patchIntegration(id, "{\"disabled\":false}")).status())
                .isEqualTo(404);
    }

    @Test
    void deletingAnIntegrationDeletesAndCancelsItsUnpublishedPosts() {
        var rows = new Rows(jdbc);
        var gone = tenant.integration("Gone", "webhook", WEBHOOK);
        var stays = tenant.integration("Stays", "webhook", WEBHOOK);
        var alone = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"alone"},{"content":"thread"}]}]}""".formatted(gone));
        var shared = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T10:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"gone"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"stays"}]}]}""".formatted(gone, stays));
        var published = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T11:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"out there"}]}]}""".formatted(gone));
        rows.setState(published.get(0).get("postId").asString(), "PUBLISHED");

        assertThat(remember(tenant.deleteIntegration(gone)).status()).isEqualTo(200);

        var listed = remember(tenant.get(WINDOW)).json().get("posts");
        assertThat(listed)
                .extracting(post -> post.get("id").asString())
                .containsExactly(
                        shared.get(1).get("postId").asString(),
                        published.get(0).get("postId").asString());
        var aloneGroup = alone.get(0).get("group").asString();
        assertThat(rows.triggerFireTimes(aloneGroup)).isEmpty();
        assertThat(rows.alarms(aloneGroup)).isZero();
        assertThat(rows.triggerFireTimes(shared.get(0).get("group").asString())).hasSize(1);
        assertThat(remember(tenant.delete(
                                "/public/v1/posts/" + alone.get(0).get("postId").asString()))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anIntegrationWithAPostBeingPublishedIsNotDeleted() {
        var rows = new Rows(jdbc);
        var busy = tenant.integration("Busy", "webhook", WEBHOOK);
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"sending"},{"content":"next"}]}]}""".formatted(busy));
        rows.setState(created.get(0).get("postId").asString(), "PUBLISHING");
        var before = rows.of(tenant);

        var response = remember(tenant.deleteIntegration(busy));

        assertProblem(response, 409, """
                {"title":"Conflict","status":409,
                 "detail":"Post is being published, try again shortly","instance":"%s"}""".formatted("/admin/v1/integrations/" + busy));
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(remember(tenant.patchIntegration(busy, "{\"name\":\"Still here\"}"))
                        .status())
                .isEqualTo(200);
    }

    private long integrationsOfTenant() {
        return jdbc.sql("select count(*) from integrations where organization_id = :organization")
                .param("organization", UUID.fromString(tenant.id()))
                .query(Long.class)
                .single();
    }
}
