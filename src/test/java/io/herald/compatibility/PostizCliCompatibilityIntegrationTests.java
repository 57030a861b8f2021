package io.herald.compatibility;

import static io.herald.support.ExactJson.assertBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.compatibility.CliServer.Account;
import io.herald.integrations.mastodon.MastodonInstanceStub;
import io.herald.support.Invariants;
import io.herald.support.PlatformStub;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Postiz CLI ({@code postiz} 2.1.0 from npm) against a running Herald, unchanged, as
 * its users run it. Each test checks what the CLI printed and its exit code, that its request
 * reached Herald (the access log), and what Herald stored (its database or its public API).
 *
 * <p>Herald runs as it is deployed: a process of its own with its own embedded database and data
 * directory, once at the root and once under the context path {@code /api}. Needs {@code node}
 * (>= 20.19) and {@code npm}; skipped when there is no {@code node}.
 */
class PostizCliCompatibilityIntegrationTests {

    private static final String POST_NOT_FOUND =
            "{\"statusCode\":404,\"message\":\"Post not found\",\"error\":\"Not Found\"}";

    private static final String INVALID_KEY = "{\"msg\":\"Invalid API key\"}";

    private static final String UNKNOWN_KEY = "hk_unknown-key-0123456789";

    private static final String SETTINGS = "{\"who_can_reply_post\":\"everyone\"}";

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path temp;

    static Path files;

    static PostizCli cli;

    static PlatformStub platform;

    static MastodonInstanceStub mastodon;

    static CliServer root;

    static CliServer underApi;

    String hook;

    Account account;

    @BeforeAll
    static void startHerald() throws Exception {
        files = Files.createDirectories(temp.resolve("files"));
        cli = PostizCli.install(files);
        if (cli == null) {
            return;
        }
        platform = new PlatformStub();
        mastodon = new MastodonInstanceStub();
        // Two servers start faster side by side than one after the other.
        var starting = Executors.newFixedThreadPool(2);
        try {
            Future<CliServer> atRoot = starting.submit(() -> CliServer.start(temp.resolve("root")));
            Future<CliServer> atApi =
                    starting.submit(() -> CliServer.start(temp.resolve("api"), "server.servlet.context-path=/api"));
            try {
                root = atRoot.get();
            } finally {
                underApi = atApi.get();
            }
        } finally {
            starting.shutdown();
        }
    }

    @AfterAll
    static void stopHerald() {
        for (var server : new AutoCloseable[] {root, underApi, platform, mastodon}) {
            if (server != null) {
                try {
                    server.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @BeforeEach
    void createAccount() {
        Assumptions.assumeTrue(cli != null, PostizCli.NO_NODE);
        hook = "/hook/" + UUID.randomUUID();
        account = root.account(platform.url(hook));
    }

    @Test
    void authStatusSaysTheKeyIsValidAndCountsTheIntegrations() {
        var mark = root.requests().mark();

        var result = postiz("auth:status");

        root.requests().awaitSince(mark, "GET /public/v1/integrations 200");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                🔑 Authentication method: API Key (environment variable)
                🔑 Key: %s...

                🔄 Verifying credentials...
                ✅ Credentials are valid. 2 integration(s) connected.
                """.formatted(account.key().substring(0, 8)));
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void authStatusWithAnUnknownKeySaysTheCredentialsAreInvalidAndStillExitsZero() {
        var mark = root.requests().mark();

        var result = cli.run(root.url(), UNKNOWN_KEY, "auth:status");

        root.requests().awaitSince(mark, "GET /public/v1/integrations 401");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).endsWith("""

                        🔄 Verifying credentials...
                        ❌ Credentials are expired or invalid. Please re-authenticate.
                           Update your POSTIZ_API_KEY environment variable.
                        """);
    }

    /** The only command that asks nothing of the server: there is no credentials file to remove. */
    @Test
    void authLogoutSaysThereAreNoStoredCredentialsAndSendsNothing() {
        var mark = root.requests().mark();

        var result = postiz("auth:logout");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("ℹ️  No stored credentials found.\n");
        assertThat(root.requests().awaitSince(mark, 0)).isEmpty();
    }

    @Test
    void integrationsListPrintsTheOrganizationsIntegrationsWithTheirCustomer() {
        var mark = root.requests().mark();

        var result = postiz("integrations:list");

        root.requests().awaitSince(mark, "GET /public/v1/integrations 200");
        assertSucceeded(result, "🔌 Connected Integrations:");
        assertBody(result.body(), """
                [{"id":"%s","name":"First","identifier":"webhook","picture":"https://pics.test/First.png","disabled":false,"profile":"first"},
                 {"id":"%s","name":"Second","identifier":"webhook","picture":"https://pics.test/Second.png","disabled":false,"profile":"second",
                  "customer":{"id":"%s","name":"Acme"}}]
                """.formatted(account.first(), account.second(), account.customer()));
    }

    @Test
    void createsOneGroupOfSixPostsFromFlagsWithThreadsMediaDelayAndSettings() {
        var uploaded = upload(root, account, "group.png", png(Color.ORANGE))
                .path("path")
                .asString();
        var external = "https://images.example.test/banner.png";
        var mark = root.requests().mark();

        var result = postiz(
                "posts:create",
                "-c",
                "Launch day",
                "-m",
                uploaded + ", " + external,
                "-c",
                "First reply",
                "-c",
                "Second reply",
                "-m",
                "https://images.example.test/reply.png",
                "-d",
                "5",
                "-t",
                "draft",
                "-s",
                "2030-05-01T09:00:00Z",
                "-i",
                account.first() + ", " + account.second(),
                "--settings",
                SETTINGS);

        root.requests().awaitSince(mark, "POST /public/v1/posts 201");
        assertSucceeded(result, "✅ Post created successfully!");
        var created = result.json();
        var group = created.get(0).path("group").asString();
        assertBody(result.body(), """
                [{"postId":"%s","integration":"%s","group":"%s"},{"postId":"%s","integration":"%s","group":"%s"}]
                """.formatted(
                        created.get(0).path("postId").asString(),
                        account.first(),
                        group,
                        created.get(1).path("postId").asString(),
                        account.second(),
                        group));
        var stored = stored(root, group);
        assertThat(stored).hasSize(6);
        for (int entry = 0; entry < 2; entry++) {
            var integration = entry == 0 ? account.first() : account.second();
            var thread = stored.stream()
                    .filter(post -> post.integration().equals(integration))
                    .toList();
            assertThat(thread).extracting(Stored::threadIndex).containsExactly(0, 1, 2);
            assertThat(thread.get(0).id())
                    .isEqualTo(created.get(entry).path("postId").asString());
            assertThat(thread.get(0).parent()).isNull();
            assertThat(thread.get(1).parent()).isEqualTo(thread.get(0).id());
            assertThat(thread.get(2).parent()).isEqualTo(thread.get(1).id());
            assertThat(thread).extracting(Stored::content).containsExactly("Launch day", "First reply", "Second reply");
            assertThat(thread)
                    .extracting(Stored::imagePaths)
                    .containsExactly(
                            List.of(uploaded, external), List.of("https://images.example.test/reply.png"), List.of());
            assertThat(thread).extracting(Stored::delay).containsExactly(0.0, 5.0, 5.0);
            assertThat(thread).extracting(Stored::state).containsOnly("DRAFT");
            assertThat(thread).extracting(Stored::publishDate).containsOnly(Instant.parse("2030-05-01T09:00:00Z"));
            for (var post : thread) {
                assertBody(post.settings(), "{\"__type\":\"webhook\",\"who_can_reply_post\":\"everyone\"}");
            }
        }
    }

    @Test
    void schedulesByDefault() {
        var mark = root.requests().mark();

        var result = postiz(
                "posts:create", "-c", "Scheduled by default", "-s", "2030-06-01T10:00:00Z", "-i", account.first());

        root.requests().awaitSince(mark, "POST /public/v1/posts 201");
        assertSucceeded(result, "✅ Post created successfully!");
        var stored = stored(root, result.json().get(0).path("group").asString());
        assertThat(stored).singleElement().satisfies(post -> {
            assertThat(post.state()).isEqualTo("QUEUE");
            assertThat(post.publishDate()).isEqualTo(Instant.parse("2030-06-01T10:00:00Z"));
            assertBody(post.settings(), "{\"__type\":\"webhook\"}");
        });
        Invariants.assertScheduleConsistent(root.jdbc(), account.tenant().id());
    }

    @Test
    void publishesAPostOfTypeNowFromAJsonFile() throws IOException {
        Files.writeString(files.resolve("now.json"), """
                {"type":"now","date":"2030-05-01T09:00:00.000Z","shortLink":false,
                 "tags":[{"value":"launch","label":"Launch"}],
                 "posts":[{"integration":{"id":"%s"},
                           "value":[{"content":"From a JSON file\\nLine 2 🚀 <b>bold</b> & \\"quotes\\"","image":[{"id":"img1","path":"https://images.example.test/a.png"}]}],
                           "settings":{"__type":"x","who_can_reply_post":"everyone"}}]}
                """.formatted(account.first()), StandardCharsets.UTF_8);
        var mark = root.requests().mark();

        var result = postiz("posts:create", "--json", "now.json");

        root.requests().awaitSince(mark, "POST /public/v1/posts 201");
        assertSucceeded(result, "✅ Post created successfully!");
        var postId = result.json().get(0).path("postId").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> platform.received(hook).size() == 1);
        var delivery = json.readTree(platform.received(hook).get(0).bodyText());
        assertThat(delivery.path("post").path("id").asString()).isEqualTo(postId);
        assertThat(delivery.path("post").path("text").asString())
                .isEqualTo("From a JSON file\nLine 2 🚀 bold & \"quotes\"");
        assertThat(delivery.path("integration").path("id").asString()).isEqualTo(account.first());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "PUBLISHED"
                        .equals(stored(root, result.json().get(0).path("group").asString())
                                .get(0)
                                .state()));
        assertThat(root.jdbc()
                        .sql("select t.name from post_tags pt join tags t on t.id = pt.tag_id"
                                + " where pt.post_id = cast(:post as uuid)")
                        .param("post", postId)
                        .query(String.class)
                        .list())
                .containsExactly("Launch");
    }

    @Test
    void editsAGroupFromAJsonFileThatNamesItKeepingItsIds() throws IOException {
        var date = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
        var postId = draft(account, account.first(), date, "Before");
        var group = stored(root, groupOf(postId)).get(0);
        Files.writeString(
                files.resolve("edit.json"),
                """
                {"type":"draft","date":"%s","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"group":"%s",
                           "value":[{"id":"%s","content":"After"},{"content":"A new reply"}]}]}
                """.formatted(date.plus(Duration.ofHours(1)), account.first(), groupOf(postId), postId),
                StandardCharsets.UTF_8);
        var mark = root.requests().mark();

        var result = postiz("posts:create", "--json", "edit.json");

        root.requests().awaitSince(mark, "POST /public/v1/posts 201");
        assertSucceeded(result, "✅ Post created successfully!");
        assertThat(result.json().get(0).path("postId").asString()).isEqualTo(postId);
        assertThat(result.json().get(0).path("group").asString()).isEqualTo(groupOf(postId));
        var after = stored(root, groupOf(postId));
        assertThat(after)
                .extracting(Stored::threadIndex, Stored::content, Stored::publishDate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "After", date.plus(Duration.ofHours(1))),
                        org.assertj.core.groups.Tuple.tuple(1, "A new reply", date.plus(Duration.ofHours(1))));
        assertThat(after.get(0).id()).isEqualTo(group.id());
    }

    private static String groupOf(String postId) {
        return root.jdbc()
                .sql("select group_id::text from posts where id = cast(:id as uuid)")
                .param("id", postId)
                .query(String.class)
                .single();
    }

    @Test
    void refusesTheJsonShapeOfTheClisReadmeAndStoresNothing() throws IOException {
        // The "JSON structure" of the CLI's README and SKILL.md, which is not the API's shape.
        Files.writeString(files.resolve("readme.json"), """
                {
                  "integrations": ["twitter-123", "linkedin-456"],
                  "posts": [
                    {"provider": "twitter", "post": [{"content": "Tweet version", "image": ["twitter-image.jpg"]}]},
                    {"provider": "linkedin", "post": [{"content": "LinkedIn version with more context...", "image": ["linkedin-image.jpg"]}],
                     "settings": {"__type": "linkedin", "companyId": "company-123"}}
                  ]
                }
                """);
        var mark = root.requests().mark();

        var result = postiz("posts:create", "--json", "readme.json");

        root.requests().awaitSince(mark, "POST /public/v1/posts 400");
        assertFailed(
                result,
                "❌ Failed to create post: Request failed: API Error (400): "
                        + "{\"statusCode\":400,\"message\":\"All posts must have an integration id\",\"error\":\"Bad Request\"}");
        assertThat(postsOf(root, account)).isZero();
    }

    @Test
    void listsThePostsOfTheDefaultWindowOfThirtyDaysAroundNow() {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var inside = draft(account, account.first(), now.plus(Duration.ofDays(29)), "Inside");
        var past = draft(account, account.first(), now.minus(Duration.ofDays(29)), "Past");
        draft(account, account.first(), now.plus(Duration.ofDays(31)), "Too late");
        draft(account, account.first(), now.minus(Duration.ofDays(31)), "Too early");
        var mark = root.requests().mark();

        var result = postiz("posts:list");

        var request = root.requests().awaitSince(mark, 1);
        assertThat(request)
                .singleElement(InstanceOfAssertFactories.STRING)
                .matches("GET /public/v1/posts\\?startDate=[0-9T:.%A-]+Z&endDate=[0-9T:.%A-]+Z 200");
        assertSucceeded(result, "📋 Posts:");
        assertThat(listedIds(result)).containsExactly(past, inside);
    }

    @Test
    void listsThePostsOfAnIsoWindowExactlyAsHeraldAnswers() {
        var post = draft(account, account.first(), Instant.parse("2030-01-01T00:00:00Z"), "<p>First of the year</p>");
        draft(account, account.first(), Instant.parse("2029-12-31T23:59:59.999Z"), "Before");
        draft(account, account.first(), Instant.parse("2031-01-01T00:00:00Z"), "After");
        var group = root.jdbc()
                .sql("select group_id::text from posts where id = cast(:id as uuid)")
                .param("id", post)
                .query(String.class)
                .single();
        var mark = root.requests().mark();

        var result = postiz("posts:list", "--startDate", "2030-01-01T00:00:00Z", "--endDate", "2030-12-31T23:59:59Z");

        root.requests()
                .awaitSince(
                        mark,
                        "GET /public/v1/posts?startDate=2030-01-01T00%3A00%3A00Z&endDate=2030-12-31T23%3A59%3A59Z 200");
        assertSucceeded(result, "📋 Posts:");
        assertBody(result.body(), """
                {"posts":[{"id":"%s","content":"<p>First of the year</p>","publishDate":"2030-01-01T00:00:00.000Z",
                  "releaseURL":null,"releaseId":null,"state":"DRAFT","status":"draft","error":null,"group":"%s",
                  "creationMethod":"API","settings":{"__type":"webhook"},"image":[],"tags":[],
                  "integration":{"id":"%s","providerIdentifier":"webhook","name":"First","picture":"https://pics.test/First.png"}}]}
                """.formatted(post, group, account.first()));
    }

    @Test
    void listsThePostsOfADateOnlyWindowFromTheStartOfItsFirstDayToTheStartOfItsLast() {
        var first = draft(account, account.first(), Instant.parse("2030-01-01T00:00:00Z"), "First");
        var last = draft(account, account.first(), Instant.parse("2030-01-31T00:00:00Z"), "Last");
        draft(account, account.first(), Instant.parse("2029-12-31T23:59:59Z"), "Before");
        draft(account, account.first(), Instant.parse("2030-01-31T00:00:01Z"), "After");
        var mark = root.requests().mark();

        var result = postiz("posts:list", "--startDate", "2030-01-01", "--endDate", "2030-01-31");

        root.requests().awaitSince(mark, "GET /public/v1/posts?startDate=2030-01-01&endDate=2030-01-31 200");
        assertSucceeded(result, "📋 Posts:");
        assertThat(listedIds(result)).containsExactly(first, last);
    }

    @Test
    void listsOnlyTheCustomersPostsWithCustomer() {
        draft(account, account.first(), Instant.parse("2030-03-01T10:00:00Z"), "Not the customer's");
        var customers = draft(account, account.second(), Instant.parse("2030-03-01T10:00:00Z"), "The customer's");
        var mark = root.requests().mark();

        var result = postiz(
                "posts:list",
                "--startDate",
                "2030-01-01T00:00:00Z",
                "--endDate",
                "2030-12-31T23:59:59Z",
                "--customer",
                account.customer());

        root.requests()
                .awaitSince(
                        mark,
                        "GET /public/v1/posts?startDate=2030-01-01T00%3A00%3A00Z&endDate=2030-12-31T23%3A59%3A59Z&customer="
                                + account.customer() + " 200");
        assertSucceeded(result, "📋 Posts:");
        assertThat(listedIds(result)).containsExactly(customers);
    }

    @Test
    void deletesThePostsOfBothIntegrationsThenAnswersNotFoundForTheSameId() {
        var created = postiz(
                        "posts:create",
                        "-c",
                        "Doomed",
                        "-c",
                        "Doomed reply",
                        "-s",
                        "2030-05-01T09:00:00Z",
                        "-i",
                        account.first() + "," + account.second())
                .json();
        var id = created.get(0).path("postId").asString();
        var group = created.get(0).path("group").asString();
        assertThat(stored(root, group)).hasSize(4).allMatch(post -> post.deletedAt() == null);
        var mark = root.requests().mark();

        var deleted = postiz("posts:delete", id);

        root.requests().awaitSince(mark, "DELETE /public/v1/posts/" + id + " 200");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.stdout()).isEqualTo("✅ Post " + id + " deleted successfully!\n");
        assertThat(deleted.stderr()).isEmpty();
        assertThat(stored(root, group)).hasSize(4).allMatch(post -> post.deletedAt() != null);
        assertThat(listedIds(postiz("posts:list", "--startDate", "2030-05-01", "--endDate", "2030-05-02")))
                .isEmpty();
        Invariants.assertScheduleConsistent(root.jdbc(), account.tenant().id());

        mark = root.requests().mark();
        var again = postiz("posts:delete", id);

        root.requests().awaitSince(mark, "DELETE /public/v1/posts/" + id + " 404");
        assertFailed(again, "❌ Failed to delete post: Request failed: API Error (404): " + POST_NOT_FOUND);
    }

    /**
     * The CLI puts ids into paths as they are, and its URL parser leaves {@code | [ ] ^} unencoded: a
     * mistyped id is answered like an unknown one, never with the container's page.
     */
    @Test
    void answersAnIdWithCharactersTheCliLeavesUnencodedLikeAnUnknownId() {
        var mark = root.requests().mark();

        var result = postiz("posts:delete", "not|a[post]^id");

        root.requests().awaitSince(mark, "DELETE /public/v1/posts/not|a[post]^id 404");
        assertFailed(result, "❌ Failed to delete post: Request failed: API Error (404): " + POST_NOT_FOUND);
    }

    /** A stray {@code %} makes a path that cannot be decoded: a route that does not exist, in Postiz's shape. */
    @Test
    void answersAnIdWithAStrayPercentSignAsAnUnknownRoute() {
        var mark = root.requests().mark();

        var result = postiz("posts:delete", "100%");

        root.requests().awaitSince(mark, "DELETE /public/v1/posts/100% 404");
        assertFailed(result, "❌ Failed to delete post: " + notFound("DELETE /public/v1/posts/100%"));
    }

    @Test
    void refusesToDeleteWithAnUnknownKeyAndKeepsThePost() {
        var id = draft(account, account.first(), Instant.parse("2030-05-01T09:00:00Z"), "Kept");
        var mark = root.requests().mark();

        var result = cli.run(root.url(), UNKNOWN_KEY, "posts:delete", id);

        root.requests().awaitSince(mark, "DELETE /public/v1/posts/" + id + " 401");
        assertFailed(result, "❌ Failed to delete post: Request failed: API Error (401): " + INVALID_KEY);
        assertThat(listedIds(postiz("posts:list", "--startDate", "2030-05-01", "--endDate", "2030-05-02")))
                .containsExactly(id);
    }

    @Test
    void uploadsAPngWhosePathServesTheSameBytesAndGoesIntoAPost() throws IOException {
        var png = png(Color.MAGENTA);
        Files.write(files.resolve("pic.png"), png);
        var mark = root.requests().mark();

        var result = postiz("upload", "pic.png");

        root.requests().awaitSince(mark, "POST /public/v1/upload 201");
        assertSucceeded(result, "✅ File uploaded successfully!");
        var uploaded = result.json();
        var name = uploaded.path("name").asString();
        assertThat(name).matches("[0-9a-f]{32}\\.png");
        var path = root.url() + "/media/" + name;
        assertBody(result.body(), """
                {"id":"%s","name":"%s","originalName":"pic.png","path":"%s","thumbnail":null,"alt":null}
                """.formatted(uploaded.path("id").asString(), name, path));
        assertThat(fetch(path)).isEqualTo(png);

        var created = postiz(
                "posts:create",
                "-c",
                "With the upload",
                "-m",
                path,
                "-s",
                "2030-05-01T09:00:00Z",
                "-i",
                account.first());

        assertSucceeded(created, "✅ Post created successfully!");
        assertThat(stored(root, created.json().get(0).path("group").asString()))
                .singleElement()
                .extracting(Stored::imagePaths)
                .isEqualTo(List.of(path));
    }

    /**
     * A post whose publication outcome is unknown (as the abandon sweep leaves it when its node dies,
     * see PublicationClusterIntegrationTests): {@code posts:missing} prints the account's latest
     * statuses on the fake Mastodon, newest first and as pure JSON; {@code posts:connect} records the
     * one that went out, and {@code analytics:post} then prints its numbers.
     */
    @Test
    void findsAndConnectsAPostWhoseOutcomeIsUnknownThenPrintsItsNumbers() {
        var integration = mastodonIntegration();
        var post = draft(account, integration, Instant.parse("2030-05-01T09:00:00Z"), "Lost");
        root.jdbc()
                .sql("update posts set state = 'ERROR', outcome_unknown = true, error = 'Publication outcome unknown'"
                        + " where id = cast(:id as uuid)")
                .param("id", post)
                .update();
        var older = mastodon.post("Lost");
        var newer = mastodon.post("Later");
        var mark = root.requests().mark();

        var missing = postiz("posts:missing", post);

        root.requests().awaitSince(mark, "GET /public/v1/posts/" + post + "/missing 200");
        assertThat(missing.exitCode()).as(missing.toString()).isZero();
        assertThat(missing.stderr()).isEmpty();
        assertBody(missing.stdout(), """
                [{"id":"%s","url":"%s"},{"id":"%s","url":"%s"}]
                """.formatted(
                        newer.path("id").asString(), newer.path("url").asString(),
                        older.path("id").asString(), older.path("url").asString()));

        var release = older.path("id").asString();
        mark = root.requests().mark();
        var connected = postiz("posts:connect", post, "--release-id", release);

        root.requests().awaitSince(mark, "PUT /public/v1/posts/" + post + "/release-id 200");
        assertSucceeded(connected, "✅ Post " + post + " connected to release " + release);
        assertThat(connected.json().path("state").asString()).isEqualTo("PUBLISHED");
        assertThat(connected.json().path("releaseURL").asString())
                .isEqualTo(older.path("url").asString());
        assertThat(root.jdbc()
                        .sql("select state || ' ' || release_id from posts where id = cast(:id as uuid)")
                        .param("id", post)
                        .query(String.class)
                        .single())
                .isEqualTo("PUBLISHED " + release);

        mark = root.requests().mark();
        var numbers = postiz("analytics:post", post);

        root.requests().awaitSince(mark, "GET /public/v1/analytics/post/" + post + "?date=7 200");
        assertSucceeded(numbers, "📊 Analytics for post: " + post);
        assertBody(numbers.body(), """
                [{"label":"Likes","data":[{"total":%2$d,"date":"%1$s"}],"percentageChange":0},
                 {"label":"Reposts","data":[{"total":%3$d,"date":"%1$s"}],"percentageChange":0},
                 {"label":"Replies","data":[{"total":%4$d,"date":"%1$s"}],"percentageChange":0}]
                """.formatted(
                today(), MastodonInstanceStub.FAVOURITES, MastodonInstanceStub.REBLOGS, MastodonInstanceStub.REPLIES));
    }

    @Test
    void connectingAQueuedPostFailsWithTheRefusalAndChangesNothing() {
        var post = account.tenant()
                .createPosts("""
                        {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"queued"}]}]}
                        """.formatted(account.first()))
                .get(0)
                .path("postId")
                .asString();
        var mark = root.requests().mark();

        var result = postiz("posts:connect", post, "--release-id", "7321456789012345678");

        root.requests().awaitSince(mark, "PUT /public/v1/posts/" + post + "/release-id 400");
        assertFailed(
                result,
                "❌ Failed to connect post: Request failed: API Error (400): {\"statusCode\":400,\"message\":\"Only a"
                        + " post whose publication outcome is unknown can be connected to a release\",\"error\":\"Bad"
                        + " Request\"}");
        assertThat(root.jdbc()
                        .sql("select state || ' ' || coalesce(release_id, '-') from posts where id = cast(:id as uuid)")
                        .param("id", post)
                        .query(String.class)
                        .single())
                .isEqualTo("QUEUE -");
    }

    @Test
    void integrationsSettingsPrintsTheProvidersMaxLengthAndTools() {
        var integration = mastodonIntegration();
        var mark = root.requests().mark();

        var result = postiz("integrations:settings", integration);

        root.requests().awaitSince(mark, "GET /public/v1/integration-settings/" + integration + " 200");
        assertSucceeded(result, "⚙️  Settings for integration: " + integration);
        var output = result.json().path("output");
        assertThat(output.path("maxLength").asInt()).isEqualTo(500);
        assertThat(output.path("tools")
                        .valueStream()
                        .map(tool -> tool.path("methodName").asString()))
                .containsExactly("lists", "instanceLimits");
    }

    @Test
    void integrationsTriggerPrintsTheFakePlatformsAnswerAndFailsForAnUnknownTool() {
        var integration = mastodonIntegration();
        var mark = root.requests().mark();

        var lists = postiz("integrations:trigger", integration, "lists");

        root.requests().awaitSince(mark, "POST /public/v1/integration-trigger/" + integration + " 200");
        assertSucceeded(lists, "🔧 Tool result for lists:");
        assertBody(lists.body(), """
                {"output":[{"id":"12","title":"Friends"},{"id":"13","title":"Work"}]}
                """);

        mark = root.requests().mark();
        var unknown = postiz("integrations:trigger", integration, "getPlaylists", "-d", "{\"query\":\"x\"}");

        root.requests().awaitSince(mark, "POST /public/v1/integration-trigger/" + integration + " 404");
        assertFailed(
                unknown, "❌ Failed to trigger tool: Request failed: API Error (404): {\"msg\":\"Tool not found\"}");
    }

    @Test
    void analyticsPlatformPrintsTheFakePlatformsNumbers() {
        var integration = mastodonIntegration();
        mastodon.post("one");
        var mark = root.requests().mark();

        // the fake instance is shared by the class's tests: it counts every status they made
        var result = postiz("analytics:platform", integration, "-d", "30");

        root.requests().awaitSince(mark, "GET /public/v1/analytics/" + integration + "?date=30 200");
        assertSucceeded(result, "📊 Analytics for integration: " + integration);
        assertBody(result.body(), """
                [{"label":"Followers","data":[{"total":%2$d,"date":"%1$s"}],"percentageChange":0},
                 {"label":"Following","data":[{"total":%3$d,"date":"%1$s"}],"percentageChange":0},
                 {"label":"Posts","data":[{"total":%4$d,"date":"%1$s"}],"percentageChange":0}]
                """.formatted(
                        today(),
                        MastodonInstanceStub.FOLLOWERS,
                        MastodonInstanceStub.FOLLOWING,
                        mastodon.statuses().size()));
    }

    @Test
    void analyticsPostOfAPostNeverPublishedPrintsMissing() {
        var post = draft(account, account.first(), Instant.parse("2030-05-01T09:00:00Z"), "Never out");
        var mark = root.requests().mark();

        var result = postiz("analytics:post", post);

        root.requests().awaitSince(mark, "GET /public/v1/analytics/post/" + post + "?date=7 200");
        assertSucceeded(result, "📊 Analytics for post: " + post);
        assertBody(result.body(), "{\"missing\":true}");
    }

    /**
     * The CLI's main line (after 2.1.0) has {@code posts:status}; 2.1.0 does not, so its request is
     * sent here exactly as that CLI sends it (node-fetch's headers, {@code {"status"}}).
     */
    @Test
    void postsStatusOfTheClisMainLineMovesTheGroupToDrafts() throws Exception {
        var post = account.tenant()
                .createPosts("""
                        {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"queued"}]}]}
                        """.formatted(account.first()))
                .get(0)
                .path("postId")
                .asString();
        var mark = root.requests().mark();

        var response = http.send(
                HttpRequest.newBuilder(URI.create(root.url() + "/public/v1/posts/" + post + "/status"))
                        .header("accept", "*/*")
                        .header("authorization", account.key())
                        .header("content-type", "application/json")
                        .header("user-agent", "node-fetch")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"draft\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        root.requests().awaitSince(mark, "PUT /public/v1/posts/" + post + "/status 200");
        assertThat(response.statusCode()).isEqualTo(200);
        assertBody(response.body(), "{\"id\":\"%s\",\"state\":\"DRAFT\"}".formatted(post));
        assertThat(root.jdbc()
                        .sql("select state from posts where id = cast(:id as uuid)")
                        .param("id", post)
                        .query(String.class)
                        .single())
                .isEqualTo("DRAFT");
    }

    @Test
    void worksUnderTheContextPathApi() throws IOException {
        var tenant = underApi.account(platform.url(hook));
        var png = png(Color.CYAN);
        Files.write(files.resolve("api.png"), png);
        assertThat(underApi.url()).endsWith("/api");

        var mark = underApi.requests().mark();
        var integrations = cli.run(underApi.url(), tenant.key(), "integrations:list");
        underApi.requests().awaitSince(mark, "GET /api/public/v1/integrations 200");
        assertSucceeded(integrations, "🔌 Connected Integrations:");
        assertThat(integrations
                        .json()
                        .valueStream()
                        .map(integration -> integration.path("id").asString()))
                .containsExactly(tenant.first(), tenant.second());

        mark = underApi.requests().mark();
        var upload = cli.run(underApi.url(), tenant.key(), "upload", "api.png");
        underApi.requests().awaitSince(mark, "POST /api/public/v1/upload 201");
        assertSucceeded(upload, "✅ File uploaded successfully!");
        var path = upload.json().path("path").asString();
        assertThat(path).startsWith(underApi.url() + "/media/");
        assertThat(fetch(path)).isEqualTo(png);

        mark = underApi.requests().mark();
        var created = cli.run(
                underApi.url(),
                tenant.key(),
                "posts:create",
                "-c",
                "Under /api",
                "-m",
                path,
                "-s",
                "2030-05-01T09:00:00Z",
                "-i",
                tenant.first() + ", " + tenant.second());
        underApi.requests().awaitSince(mark, "POST /api/public/v1/posts 201");
        assertSucceeded(created, "✅ Post created successfully!");
        var id = created.json().get(0).path("postId").asString();
        var group = created.json().get(0).path("group").asString();
        assertThat(stored(underApi, group)).extracting(Stored::imagePaths).containsOnly(List.of(path));

        mark = underApi.requests().mark();
        var listed = cli.run(
                underApi.url(), tenant.key(), "posts:list", "--startDate", "2030-05-01", "--endDate", "2030-05-02");
        underApi.requests().awaitSince(mark, "GET /api/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02 200");
        assertSucceeded(listed, "📋 Posts:");
        assertThat(listed.json()
                        .path("posts")
                        .valueStream()
                        .map(post -> post.path("group").asString()))
                .containsExactly(group, group);

        mark = underApi.requests().mark();
        var deleted = cli.run(underApi.url(), tenant.key(), "posts:delete", id);
        underApi.requests().awaitSince(mark, "DELETE /api/public/v1/posts/" + id + " 200");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.stdout()).isEqualTo("✅ Post " + id + " deleted successfully!\n");
        assertThat(stored(underApi, group)).hasSize(2).allMatch(post -> post.deletedAt() != null);

        mark = underApi.requests().mark();
        var undecodable = cli.run(underApi.url(), tenant.key(), "posts:delete", "100%");
        underApi.requests().awaitSince(mark, "DELETE /api/public/v1/posts/100% 404");
        assertFailed(undecodable, "❌ Failed to delete post: " + notFound("DELETE /api/public/v1/posts/100%"));
    }

    /** A Mastodon integration of the account, on the fake instance. */
    private String mastodonIntegration() {
        return account.tenant()
                .integration(
                        "Toots",
                        "mastodon",
                        "{\"instanceUrl\":\"%s\",\"accessToken\":\"%s\"}"
                                .formatted(mastodon.url(), MastodonInstanceStub.TOKEN));
    }

    /** The server's day, as analytics date today's numbers. */
    private static String today() {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    }

    private PostizCli.Result postiz(String... arguments) {
        return cli.run(root.url(), account.key(), arguments);
    }

    private static void assertSucceeded(PostizCli.Result result, String header) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.header()).as(result.toString()).isEqualTo(header);
        assertThat(result.stderr()).as(result.toString()).isEmpty();
    }

    private static void assertFailed(PostizCli.Result result, String error) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout()).as(result.toString()).isEmpty();
        assertThat(result.stderr()).isEqualTo(error + "\n");
    }

    /** What the CLI prints for a route Herald does not have: Nest's unknown-route answer. */
    private static String notFound(String request) {
        return "Request failed: API Error (404): {\"statusCode\":404,\"message\":\"Cannot " + request
                + "\",\"error\":\"Not Found\"}";
    }

    private static List<String> listedIds(PostizCli.Result result) {
        assertSucceeded(result, "📋 Posts:");
        return result.json()
                .path("posts")
                .valueStream()
                .map(post -> post.path("id").asString())
                .toList();
    }

    private JsonNode upload(CliServer server, Account account, String file, byte[] bytes) {
        try {
            Files.write(files.resolve(file), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var result = cli.run(server.url(), account.key(), "upload", file);
        assertSucceeded(result, "✅ File uploaded successfully!");
        return result.json();
    }

    /** A draft made through the API, so that any date works; returns its id. */
    private static String draft(Account account, String integration, Instant date, String content) {
        return account.tenant()
                .createPosts("""
                        {"type":"draft","date":"%s","shortLink":false,"tags":[],
                         "posts":[{"integration":{"id":"%s"},"value":[{"content":"%s"}]}]}
                        """.formatted(date, integration, content))
                .get(0)
                .path("postId")
                .asString();
    }

    private static long postsOf(CliServer server, Account account) {
        return server.jdbc()
                .sql("select count(*) from posts where organization_id = cast(:organization as uuid)")
                .param("organization", account.tenant().id())
                .query(Long.class)
                .single();
    }

    /** Every row of the group, deleted ones included, roots first, then the first thread items, and so on. */
    private static List<Stored> stored(CliServer server, String group) {
        return server.jdbc()
                .sql("select id::text, integration_id::text, parent_post_id::text, thread_index, content, image::text,"
                        + " settings::text, delay_minutes, state, publish_date, deleted_at from posts"
                        + " where group_id = cast(:group as uuid) order by thread_index, id")
                .param("group", group)
                .query((row, n) -> new Stored(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getInt(4),
                        row.getString(5),
                        paths(row.getString(6)),
                        row.getString(7),
                        row.getDouble(8),
                        row.getString(9),
                        row.getTimestamp(10).toInstant(),
                        row.getTimestamp(11) == null
                                ? null
                                : row.getTimestamp(11).toInstant()))
                .list();
    }

    private static List<String> paths(String images) {
        var paths = new ArrayList<String>();
        json.readTree(images).forEach(image -> paths.add(image.path("path").asString()));
        return paths;
    }

    private static byte[] fetch(String url) {
        try {
            var response =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A real PNG, different for every colour. */
    private static byte[] png(Color color) {
        var image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        var graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, 16, 16);
        graphics.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A post row as Herald stored it. */
    record Stored(
            String id,
            String integration,
            String parent,
            int threadIndex,
            String content,
            List<String> imagePaths,
            String settings,
            double delay,
            String state,
            Instant publishDate,
            Instant deletedAt) {}
}
