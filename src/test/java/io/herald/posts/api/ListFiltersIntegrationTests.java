package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code GET /public/v1/posts} with Herald's filters and paging (spec §9.6). */
@HeraldIntegrationTest
class ListFiltersIntegrationTests {

    private static final String WINDOW = "startDate=2030-05-01&endDate=2030-06-01";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    Rows rows;

    String a;

    String b;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(new HeraldClient(port));
        rows = new Rows(jdbc);
        a = tenant.webhook("A");
        b = tenant.webhook("B");
    }

    @Test
    void filtersByStateWordsAndByIntegration() {
        var draft = create("draft", a, "2030-05-02T00:00:00Z");
        var queued = create("schedule", a, "2030-05-03T00:00:00Z");
        var failed = create("schedule", b, "2030-05-04T00:00:00Z");
        rows.setState(failed, "ERROR");

        assertThat(ids("state=failed")).containsExactly(failed);
        assertThat(ids("state=DRAFT,scheduled")).containsExactly(draft, queued);
        assertThat(ids("state=QUEUE,ERROR")).containsExactly(queued, failed);
        assertThat(ids("integration=" + a)).containsExactly(draft, queued);
        assertThat(ids("integration=" + b + "&state=draft")).isEmpty();
        assertThat(ids("integration=not-an-id")).isEmpty();
    }

    @Test
    void answersAPageWithItsNextCursorAndRefusesBadParameters() {
        var first = create("draft", a, "2030-05-02T00:00:00Z");
        var second = create("draft", a, "2030-05-03T00:00:00Z");

        var page = tenant.get("/public/v1/posts?" + WINDOW + "&limit=1");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("posts").valueStream().map(p -> p.get("id").asString()))
                .containsExactly(first);
        var next = tenant.get("/public/v1/posts?" + WINDOW + "&limit=1&cursor="
                + page.json().get("nextCursor").asString());
        assertThat(next.json().get("posts").valueStream().map(p -> p.get("id").asString()))
                .containsExactly(second);
        assertThat(next.json().get("nextCursor").isNull()).isTrue();

        assertAnswer(tenant.get("/public/v1/posts?" + WINDOW + "&limit=0&state=soon&cursor=x"), 400, """
                {"statusCode":400,"message":[
                  "state must be a comma-separated list of: DRAFT, QUEUE, PUBLISHED, ERROR, draft, scheduled, publishing, published, failed",
                  "limit must not be less than 1","cursor must be a cursor this list answered"],"error":"Bad Request"}""");
        assertAnswer(tenant.get("/public/v1/posts?" + WINDOW + "&limit=1001"), 400, """
                {"statusCode":400,"message":["limit must not be greater than 1000"],"error":"Bad Request"}""");
        assertAnswer(tenant.get("/public/v1/posts?" + WINDOW + "&limit=ten"), 400, """
                {"statusCode":400,"message":["limit must be an integer number"],"error":"Bad Request"}""");
    }

    @Test
    void pagingThroughPostsWhileOthersComeAndGoSeesEveryPostThatExistedThroughoutExactlyOnce() {
        var stable = seed(2500);
        var volatileIds = new ArrayList<>(seed(400));
        var seen = new ArrayList<String>();
        String cursor = null;
        var pages = 0;
        do {
            var page = tenant.get(
                            "/public/v1/posts?" + WINDOW + "&limit=100" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("posts").forEach(post -> seen.add(post.get("id").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
            // others come and go between the pages: 15 deleted, 15 created, anywhere in the window
            var gone = volatileIds.subList(0, Math.min(15, volatileIds.size()));
            jdbc.sql("update posts set deleted_at = now() where id in (:ids)")
                    .param("ids", gone.stream().map(UUID::fromString).toList())
                    .update();
            gone.clear();
            volatileIds.addAll(seed(15));
        } while (cursor != null && pages < 100);

        var counts = seen.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.values()).as("no post seen twice").allMatch(count -> count == 1);
        var missing = new HashMap<String, Long>();
        stable.forEach(id -> missing.put(id, counts.getOrDefault(id, 0L)));
        assertThat(missing.values())
                .as("every post that existed throughout seen once")
                .allMatch(count -> count == 1);
    }

    /** Root posts of A at dates spread over May 2030 on whole hours (so many share a date), by plain SQL. */
    private List<String> seed(int count) {
        return jdbc.sql("""
                        insert into posts (id, organization_id, group_id, integration_id, thread_index, content, image,
                                           settings, publish_date, delay_minutes, state, creation_method,
                                           created_at, updated_at)
                        select gen_random_uuid(), cast(:organization as uuid), gen_random_uuid(),
                               cast(:integration as uuid), 0, 'seeded', '[]', '{}',
                               timestamptz '2030-05-01 00:00:00+00' + floor(random() * 720) * interval '1 hour',
                               0, 'DRAFT', 'API', now(), now()
                        from generate_series(1, :count)
                        returning id::text""")
                .param("organization", tenant.id())
                .param("integration", a)
                .param("count", count)
                .query(String.class)
                .list();
    }

    private String create(String type, String integration, String date) {
        return tenant.createPosts("""
                        {"type":"%s","date":"%s","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"x"}]}]}
                        """.formatted(type, date, integration))
                .get(0)
                .get("postId")
                .asString();
    }

    private List<String> ids(String query) {
        var answer = tenant.get("/public/v1/posts?" + WINDOW + "&" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json()
                .get("posts")
                .valueStream()
                .map(post -> post.get("id").asString())
                .toList();
    }
}
