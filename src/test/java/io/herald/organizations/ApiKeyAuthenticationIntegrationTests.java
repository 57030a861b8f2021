package io.herald.organizations;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API keys in front of /public/v1: the header forms, several keys, revocation, and Postiz's {@code {"msg"}} bodies (spec §2). */
@HeraldIntegrationTest
class ApiKeyAuthenticationIntegrationTests {

    private static final String NO_KEY = """
            {"msg":"No API Key found"}""";

    private static final String INVALID_KEY = """
            {"msg":"Invalid API key"}""";

    private static final String LIST = "/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HeraldClient client;

    Tenant tenant;

    String createBody;

    @BeforeEach
    void createTenant() {
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
        createBody = """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"hi"}]}]}
                """.formatted(tenant.webhook("Hook"));
    }

    @ParameterizedTest
    @CsvSource({
        "GET, " + LIST,
        "POST, /public/v1/posts",
        "DELETE, /public/v1/posts/x",
        "DELETE, /public/v1/posts/group/x"
    })
    void answersNoApiKeyFoundWithoutTheHeader(String method, String path) {
        var before = new Rows(jdbc).of(tenant);

        assertAnswer(client.send(method, path, null, method.equals("POST") ? createBody : null), 401, NO_KEY);

        assertThat(new Rows(jdbc).of(tenant)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   "})
    void answersNoApiKeyFoundForAnEmptyHeader(String header) {
        assertAnswer(client.get(LIST, header), 401, NO_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hk_unknown", "Bearer hk_unknown", "Basic dXNlcjpwYXNz", "Bearer", "Bearer  "})
    void answersInvalidApiKeyForAKeyNobodyHas(String header) {
        var before = new Rows(jdbc).of(tenant);

        assertAnswer(client.get(LIST, header), 401, INVALID_KEY);
        assertAnswer(client.post("/public/v1/posts", header, createBody), 401, INVALID_KEY);

        assertThat(new Rows(jdbc).of(tenant)).isEqualTo(before);
    }

    @Test
    void answersInvalidApiKeyForTheKeyWithAnythingAddedOrMissing() {
        assertAnswer(client.get(LIST, tenant.apiKey() + "x"), 401, INVALID_KEY);
        assertAnswer(client.get(LIST, tenant.apiKey().substring(1)), 401, INVALID_KEY);
        assertAnswer(client.get(LIST, tenant.apiKey().toUpperCase()), 401, INVALID_KEY);
    }

    @Test
    void acceptsTheRawKeyAndTheBearerForm() {
        assertThat(client.get(LIST, tenant.apiKey()).status()).isEqualTo(200);
        assertThat(client.get(LIST, "Bearer " + tenant.apiKey()).status()).isEqualTo(200);
        assertThat(client.get(LIST, "bearer " + tenant.apiKey()).status()).isEqualTo(200);
        assertThat(client.post("/public/v1/posts", "Bearer " + tenant.apiKey(), createBody)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void everyKeyOfTheOrganizationSeesTheSamePosts() {
        var second = tenant.createKey();
        var created = client.post("/public/v1/posts", second.apiKey(), createBody);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var postId = created.json().get(0).get("postId").asString();

        var viaFirst = client.get(LIST, tenant.apiKey());
        var viaSecond = client.get(LIST, second.apiKey());

        assertThat(viaFirst.json().get("posts").get(0).get("id").asString()).isEqualTo(postId);
        assertThat(viaSecond.body()).isEqualTo(viaFirst.body());
    }

    @Test
    void aRevokedKeyFailsAtOnceWhileTheOrganizationsOtherKeysWork() {
        var second = tenant.createKey();
        assertThat(client.get(LIST, second.apiKey()).status()).isEqualTo(200);

        var revoked = tenant.revokeKey(second.id());

        assertAnswer(revoked, 200, """
                {"id":"%s","revoked":true}""".formatted(second.id()));
        assertAnswer(client.get(LIST, second.apiKey()), 401, INVALID_KEY);
        assertAnswer(client.get(LIST, "Bearer " + second.apiKey()), 401, INVALID_KEY);
        assertAnswer(client.post("/public/v1/posts", second.apiKey(), createBody), 401, INVALID_KEY);
        assertThat(client.get(LIST, tenant.apiKey()).status()).isEqualTo(200);
        // revoking again changes nothing
        assertAnswer(tenant.revokeKey(second.id()), 200, """
                {"id":"%s","revoked":true}""".formatted(second.id()));
    }

    @Test
    void aKeyOnlyReachesItsOwnOrganization() {
        var other = Tenant.create(client);
        var theirs = other.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"theirs"}]}]}
                """.formatted(other.webhook("Theirs")));

        assertAnswer(client.get(LIST, tenant.apiKey()), 200, """
                {"posts":[]}""");
        assertThat(client.delete(
                                "/public/v1/posts/"
                                        + theirs.get(0).get("postId").asString(),
                                tenant.apiKey())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void storesOnlyTheSha256OfEachKey() throws Exception {
        var second = tenant.createKey();

        var stored = jdbc.sql("select key_hash from api_keys where organization_id = :organization order by created_at")
                .param("organization", UUID.fromString(tenant.id()))
                .query(byte[].class)
                .list();

        var sha256 = MessageDigest.getInstance("SHA-256");
        assertThat(stored)
                .containsExactly(
                        sha256.digest(tenant.apiKey().getBytes(StandardCharsets.UTF_8)),
                        sha256.digest(second.apiKey().getBytes(StandardCharsets.UTF_8)));
        var anyColumnHoldsTheKey = jdbc.sql("""
                        select count(*) from api_keys k
                        where k.organization_id = :organization and row_to_json(k)::text like :key""")
                .param("organization", UUID.fromString(tenant.id()))
                .param("key", "%" + tenant.apiKey() + "%")
                .query(Long.class)
                .single();
        assertThat(anyColumnHoldsTheKey).isZero();
    }
}
