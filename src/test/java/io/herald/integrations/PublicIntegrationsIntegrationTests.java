package io.herald.integrations;

import static io.herald.support.ExactJson.assertAnswer;
import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.PublicSurfaceTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@PublicSurfaceTest
class PublicIntegrationsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HeraldClient client;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
    }

    @Test
    void listsLiveIntegrationsDisabledOnesIncludedWithTheCustomerOnlyWhereThereIsOne() {
        var customer = tenant.customer("Acme");
        var plain = tenant.webhook("Plain");
        var owned = integrationOf(customer, "Owned");
        var disabled = tenant.webhook("Off");
        var deleted = tenant.webhook("Gone");
        assertThat(client.patch("/admin/v1/integrations/" + disabled, Tenant.ADMIN, "{\"disabled\":true}")
                        .status())
                .isEqualTo(200);
        assertThat(client.delete("/admin/v1/integrations/" + deleted, Tenant.ADMIN)
                        .status())
                .isEqualTo(200);
        Tenant.create(client).webhook("Foreign");

        var response = tenant.get("/public/v1/integrations");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertBody(response.body(), """
                [{"id":"%s","name":"Plain","identifier":"webhook","picture":"https://pics.test/Plain.png","disabled":false,"profile":"plain"},
                 {"id":"%s","name":"Owned","identifier":"webhook","picture":"https://pics.test/Owned.png","disabled":false,"profile":"owned",
                  "customer":{"id":"%s","name":"Acme"}},
                 {"id":"%s","name":"Off","identifier":"webhook","picture":"https://pics.test/Off.png","disabled":true,"profile":"off"}]
                """.formatted(plain, owned, customer, disabled));
    }

    @Test
    void postizDeleteRemovesTheChannelAndItsUnpublishedPostsAndAnswersItAsListed() {
        var gone = tenant.webhook("Gone");
        var stays = tenant.webhook("Stays");
        tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"goes with it"}]},
                          {"integration":{"id":"%s"},"value":[{"content":"stays"}]}]}""".formatted(gone, stays));
        var foreign = Tenant.create(client);
        var theirs = foreign.webhook("Theirs");

        var response = tenant.delete("/public/v1/integrations/" + gone);

        assertAnswer(response, 200, """
                {"id":"%s","name":"Gone","identifier":"webhook","picture":"https://pics.test/Gone.png",
                 "disabled":false,"profile":"gone"}""".formatted(gone));
        assertThat(tenant.get("/public/v1/integrations").json())
                .extracting(integration -> integration.path("id").asString())
                .containsExactly(stays);
        assertThat(tenant.get("/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02")
                        .json()
                        .path("posts"))
                .extracting(post -> post.path("content").asString())
                .containsExactly("stays");
        for (var id : new String[] {gone, theirs, "not-an-id"}) {
            assertAnswer(tenant.delete("/public/v1/integrations/" + id), 404, "{\"msg\":\"Integration not found\"}");
        }
        assertThat(foreign.get("/public/v1/integrations").json()).hasSize(1);
    }

    @Test
    void postizDeleteOfAChannelWithAPostBeingPublishedChangesNothing() {
        var busy = tenant.webhook("Busy");
        var created = tenant.createPosts("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"sending"}]}]}""".formatted(busy));
        var rows = new Rows(jdbc);
        rows.setState(created.get(0).path("postId").asString(), "PUBLISHING");
        var before = rows.of(tenant);

        assertAnswer(tenant.delete("/public/v1/integrations/" + busy), 409, """
                {"statusCode":409,"message":"Post is being published, try again shortly","error":"Conflict"}""");
        assertThat(rows.of(tenant)).isEqualTo(before);
        assertThat(tenant.get("/public/v1/integrations").json()).hasSize(1);
    }

    @Test
    void answersAnEmptyArrayForAnOrganizationWithoutIntegrations() {
        var response = tenant.get("/public/v1/integrations");

        assertThat(response.status()).isEqualTo(200);
        assertBody(response.body(), "[]");
    }

    @Test
    void withACustomerListsOnlyThatCustomersIntegrations() {
        var acme = tenant.customer("Acme");
        var globex = tenant.customer("Globex");
        tenant.webhook("Plain");
        var acmeOne = integrationOf(acme, "AcmeOne");
        integrationOf(globex, "GlobexOne");
        var acmeTwo = integrationOf(acme, "AcmeTwo");

        var response = tenant.get("/public/v1/integrations?customer=" + acme);

        assertThat(response.status()).isEqualTo(200);
        assertBody(response.body(), """
                [{"id":"%s","name":"AcmeOne","identifier":"webhook","picture":"https://pics.test/AcmeOne.png","disabled":false,
                  "profile":"acmeone","customer":{"id":"%s","name":"Acme"}},
                 {"id":"%s","name":"AcmeTwo","identifier":"webhook","picture":"https://pics.test/AcmeTwo.png","disabled":false,
                  "profile":"acmetwo","customer":{"id":"%s","name":"Acme"}}]
                """.formatted(acmeOne, acme, acmeTwo, acme));
    }

    @Test
    void withAnotherOrganizationsOrAMalformedCustomerListsNothing() {
        integrationOf(tenant.customer("Acme"), "Mine");
        var other = Tenant.create(client);
        var foreignCustomer = other.customer("Foreign");

        assertBody(
                tenant.get("/public/v1/integrations?customer=" + foreignCustomer)
                        .body(),
                "[]");
        assertBody(tenant.get("/public/v1/integrations?customer=not-an-id").body(), "[]");
    }

    @Test
    void refusesRequestsWithoutAValidKey() {
        var missing = client.get("/public/v1/integrations", null);
        var invalid = client.get("/public/v1/integrations", "not-a-key");

        assertThat(missing.status()).isEqualTo(401);
        assertBody(missing.body(), "{\"msg\":\"No API Key found\"}");
        assertThat(invalid.status()).isEqualTo(401);
        assertBody(invalid.body(), "{\"msg\":\"Invalid API key\"}");
    }

    private String integrationOf(String customerId, String name) {
        var body = """
                {"name":"%s","identifier":"webhook","picture":"https://pics.test/%s.png","profile":"%s","customerId":"%s",
                 "config":{"url":"http://127.0.0.1:9/hook","secret":"s3cret"}}
                """.formatted(name, name, name.toLowerCase(), customerId);
        var response = client.post("/admin/v1/organizations/" + tenant.id() + "/integrations", Tenant.ADMIN, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }
}
