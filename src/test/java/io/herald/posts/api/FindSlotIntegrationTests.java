package io.herald.posts.api;

import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.PublicSurfaceTest;
import io.herald.support.Tenant;
import io.herald.support.TestClock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Default posting times are 120, 400 and 700 minutes after UTC midnight: 02:00, 06:40 and 11:40. */
@PublicSurfaceTest
class FindSlotIntegrationTests {

    private static final String NOT_FOUND = "{\"msg\":\"Integration not found\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    HeraldClient client;

    Tenant tenant;

    String integration;

    @BeforeEach
    void setUp() {
        client = new HeraldClient(port);
        tenant = Tenant.create(client);
        integration = tenant.webhook("Hook");
        now("2030-03-01T01:00:00Z");
    }

    @AfterEach
    void resetClock() {
        TestClock.SHARED.reset();
    }

    @Test
    void answersTheNextPostingTimeInPostizsFormat() {
        var response = tenant.get("/public/v1/find-slot/" + integration);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertBody(response.body(), "{\"date\":\"2030-03-01T02:00:00\"}");
    }

    @Test
    void takesOnlyTimesStrictlyAfterNow() {
        now("2030-03-01T02:00:00Z");
        assertSlot(integration, "2030-03-01T06:40:00");

        now("2030-03-01T11:40:00Z");
        assertSlot(integration, "2030-03-02T02:00:00");

        now("2030-03-01T11:39:59.999Z");
        assertSlot(integration, "2030-03-01T11:40:00");
    }

    @Test
    void skipsSlotsThatALivePostTakesWhateverItsStateAndSecond() {
        schedule(integration, "2030-03-01T02:00:30Z", "schedule");
        draft(integration, "2030-03-01T06:40:00Z");
        schedule(tenant.webhook("Other"), "2030-03-01T11:40:00Z", "schedule");

        assertSlot(integration, "2030-03-01T11:40:00");
    }

    @Test
    void searchesOnDayByDay() {
        var twiceADay = integrationWithPostingTimes("[120, 400]");
        for (var day : new String[] {"01", "02"}) {
            for (var time : new String[] {"02:00", "06:40"}) {
                schedule(twiceADay, "2030-03-" + day + "T" + time + ":00Z", "draft");
            }
        }

        assertSlot(twiceADay, "2030-03-03T02:00:00");
    }

    /**
     * Past the first batch of occupied slots: 250 days taken at the one posting time, and 500 posts
     * at a minute that is no posting time, which the search does not read.
     */
    @Test
    void findsTheFirstFreeSlotBehindManyBatchesOfTakenOnes() {
        var daily = integrationWithPostingTimes("[120]");
        var first = schedule(daily, "2030-03-01T02:00:00Z", "draft");
        copy(first, "generate_series(1, 249) * interval '1 day'");
        copy(first, "interval '3 hours' + generate_series(1, 500) * interval '1 hour'");

        assertSlot(daily, "2030-11-06T02:00:00");
    }

    @Test
    void aDeletedPostFreesItsSlot() {
        var created = schedule(integration, "2030-03-01T02:00:00Z", "schedule");
        assertSlot(integration, "2030-03-01T06:40:00");

        assertThat(tenant.delete("/public/v1/posts/" + created).status()).isEqualTo(200);

        assertSlot(integration, "2030-03-01T02:00:00");
    }

    @Test
    void followsTheIntegrationsOwnPostingTimesInAnyOrder() {
        var custom = integrationWithPostingTimes("[900, 30]");

        assertSlot(custom, "2030-03-01T15:00:00");
        now("2030-03-01T16:00:00Z");
        assertSlot(custom, "2030-03-02T00:30:00");
    }

    @Test
    void aDisabledIntegrationHasSlotsToo() {
        client.patch("/admin/v1/integrations/" + integration, Tenant.ADMIN, "{\"disabled\":true}");

        assertSlot(integration, "2030-03-01T02:00:00");
    }

    @Test
    void answersNotFoundForAnIntegrationTheCallerDoesNotHave() {
        var deleted = tenant.webhook("Gone");
        client.delete("/admin/v1/integrations/" + deleted, Tenant.ADMIN);
        var foreign = Tenant.create(client).webhook("Foreign");

        for (var id : new String[] {UUID.randomUUID().toString(), "not-an-id", deleted, foreign}) {
            var response = tenant.get("/public/v1/find-slot/" + id);
            assertThat(response.status()).as(id).isEqualTo(404);
            assertBody(response.body(), NOT_FOUND);
        }
    }

    @Test
    void refusesAMissingKey() {
        var response = client.get("/public/v1/find-slot/" + integration, null);

        assertThat(response.status()).isEqualTo(401);
        assertBody(response.body(), "{\"msg\":\"No API Key found\"}");
    }

    private void assertSlot(String integrationId, String expected) {
        var response = tenant.get("/public/v1/find-slot/" + integrationId);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertBody(response.body(), "{\"date\":\"" + expected + "\"}");
    }

    private static void now(String instant) {
        TestClock.SHARED.pin(Instant.parse(instant));
    }

    private String schedule(String integrationId, String date, String type) {
        return tenant.createPosts("""
                        {"type":"%s","date":"%s","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"Hello"},{"content":"a reply"}]}]}
                        """.formatted(type, date, integrationId))
                .get(0)
                .get("postId")
                .asString();
    }

    /** Copies of a root post, one at each of its publish date plus the offsets (an SQL set of intervals). */
    private void copy(String postId, String offsets) {
        jdbc.sql("""
                        insert into posts (id, organization_id, group_id, integration_id, thread_index, content, image,
                                           settings, publish_date, delay_minutes, state, creation_method, created_at,
                                           updated_at)
                        select gen_random_uuid(), organization_id, group_id, integration_id, 0, content, image, settings,
                               publish_date + offsets.offset, 0, state, creation_method, created_at, updated_at
                        from posts, (select %s as offset) offsets where id = :id
                        """.formatted(offsets)).param("id", UUID.fromString(postId)).update();
    }

    private void draft(String integrationId, String date) {
        schedule(integrationId, date, "draft");
    }

    private String integrationWithPostingTimes(String postingTimes) {
        var response = client.post(
                "/admin/v1/organizations/" + tenant.id() + "/integrations", Tenant.ADMIN, """
                {"name":"Custom","identifier":"webhook","postingTimes":%s,
                 "config":{"url":"http://127.0.0.1:9/hook","secret":"s3cret"}}
                """.formatted(postingTimes));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }
}
