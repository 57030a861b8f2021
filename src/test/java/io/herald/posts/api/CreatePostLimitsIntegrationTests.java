package io.herald.posts.api;

import static io.herald.support.ExactJson.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.HeraldClient;
import io.herald.support.HeraldIntegrationTest;
import io.herald.support.Rows;
import io.herald.support.Tenant;
import java.util.Collections;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one create may write: bounded lists, one entry per integration, small settings, and only
 * strings the database can store. Each refusal has its exact body and changes no row.
 */
@HeraldIntegrationTest
class CreatePostLimitsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Rows rows;

    Tenant tenant;

    String webhook;

    @BeforeEach
    void createTenant() {
        rows = new Rows(jdbc);
        tenant = Tenant.create(new HeraldClient(port));
        webhook = tenant.webhook("Hook");
    }

    @Test
    void refusesMoreThanOneHundredEntries() {
        var entries = IntStream.range(0, 101)
                .mapToObj(i -> entry(UUID.randomUUID().toString(), "{\"content\":\"x\"}"))
                .collect(Collectors.joining(","));

        refused(create("[]", entries), "posts must contain no more than 100 elements");
    }

    @Test
    void refusesMoreThanOneHundredThreadItems() {
        var values = String.join(",", Collections.nCopies(101, "{\"content\":\"x\"}"));

        refused(create("[]", entry(webhook, values)), "posts.0.value must contain no more than 100 elements");
    }

    @Test
    void refusesMoreThanFiftyTags() {
        refused(
                create(tags(51, 10), entry(webhook, "{\"content\":\"x\"}")),
                "tags must contain no more than 50 elements");
    }

    @Test
    void refusesMoreThanTwentyImagesInOneValue() {
        var images = String.join(",", Collections.nCopies(21, "{\"id\":\"i\",\"path\":\"https://cdn.test/a.png\"}"));

        refused(
                create("[]", entry(webhook, "{\"content\":\"x\"},{\"content\":\"y\",\"image\":[" + images + "]}")),
                "posts.0.value.1.image must contain no more than 20 elements");
    }

    @Test
    void refusesTheSameIntegrationTwiceInOneRequest() {
        var other = tenant.webhook("Other");

        refused(
                create(
                        "[]",
                        entry(webhook, "{\"content\":\"x\"}") + "," + entry(other, "{\"content\":\"y\"}") + ","
                                + entry(webhook.toUpperCase(), "{\"content\":\"z\"}")),
                "posts.2.integration.id must not repeat an integration of this request");
    }

    @Test
    void refusesSettingsOverSixtyFourKilobytes() {
        var settings = "{\"__type\":\"webhook\",\"note\":\"" + "x".repeat(64 * 1024) + "\"}";

        refused(
                create(
                        "[]",
                        entry(webhook, "{\"content\":\"x\"}")
                                .replace("\"value\"", "\"settings\":" + settings + ",\"value\"")),
                "posts.0.settings must be no larger than 65536 bytes as JSON");
    }

    /** The case: 400 roots times 400 tags would have written 160,000 post-tag rows. */
    @Test
    void refusesFourHundredRootsTimesFourHundredTags() {
        var entries = IntStream.range(0, 400)
                .mapToObj(i -> entry(i == 0 ? webhook : UUID.randomUUID().toString(), "{\"content\":\"x\"}"))
                .collect(Collectors.joining(","));

        refused(
                create(tags(400, 10), entries),
                "tags must contain no more than 50 elements",
                "posts must contain no more than 100 elements");
    }

    @Test
    void acceptsEveryListAtItsLimit() {
        var images = String.join(",", Collections.nCopies(20, "{\"id\":\"i\",\"path\":\"https://cdn.test/a.png\"}"));
        var values = String.join(",", Collections.nCopies(99, "{\"content\":\"x\"}"));

        var response = tenant.post(
                "/public/v1/posts",
                create(tags(50, 100), entry(webhook, "{\"content\":\"x\",\"image\":[" + images + "]}," + values)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(rows.of(tenant).posts()).hasSize(100);
        assertThat(rows.of(tenant).postTags()).hasSize(50);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'{\"value\":\"v\",\"label\":\"nul\\u0000\"}' | '{\"content\":\"x\"}' | tags.0.label",
                "'{\"value\":\"v\",\"label\":\"\\ud800 lone\"}' | '{\"content\":\"x\"}' | tags.0.label",
                "'{\"value\":\"v\",\"label\":\"\\udc00\"}' | '{\"content\":\"x\"}' | tags.0.label",
                "'' | '{\"content\":\"x\",\"image\":[{\"id\":\"i\",\"path\":\"/local\\u0000.png\"}]}' | posts.0.value.0.image.0.path",
                "'' | '{\"content\":\"x\",\"image\":[{\"id\":\"i\\u0000\",\"path\":\"/a.png\"}]}' | posts.0.value.0.image.0.id",
                "'' | '{\"content\":\"x\",\"image\":[{\"id\":\"i\",\"path\":\"/a.png\",\"alt\":\"\\u0000\"}]}' | posts.0.value.0.image.0.alt",
                "'' | '{\"content\":\"x\",\"image\":[{\"id\":\"i\",\"path\":\"/a.png\",\"thumbnail\":\"\\ud83d\"}]}' | posts.0.value.0.image.0.thumbnail"
            },
            quoteCharacter = '\'')
    void refusesTextTheDatabaseCannotStoreWithItsPath(String tag, String value, String path) {
        refused(
                draft(tag.isEmpty() ? "[]" : "[" + tag + "]", entry(webhook, value)),
                path + " must not contain NUL or unpaired surrogate characters");
    }

    @Test
    void refusesSettingsWithANulInAValueOrAKey() {
        for (var settings : new String[] {"{\"note\":\"a\\u0000b\"}", "{\"deep\":[{\"k\\u0000\":1}]}"}) {
            refused(
                    create(
                            "[]",
                            entry(webhook, "{\"content\":\"x\"}")
                                    .replace("\"value\"", "\"settings\":" + settings + ",\"value\"")),
                    "posts.0.settings must not contain NUL or unpaired surrogate characters");
        }
    }

    @Test
    void refusesATagLabelOfThreeThousandCharacters() {
        refused(
                create(
                        "[{\"value\":\"v\",\"label\":\"" + "é".repeat(3000) + "\"}]",
                        entry(webhook, "{\"content\":\"x\"}")),
                "tags.0.label must be shorter than or equal to 100 characters");
    }

    @Test
    void refusesAnImagePathLongerThanAUrlMayBe() {
        refused(
                create(
                        "[]",
                        entry(
                                webhook,
                                "{\"content\":\"x\",\"image\":[{\"id\":\"i\",\"path\":\"https://cdn.test/"
                                        + "a".repeat(2048) + "\"}]}")),
                "posts.0.value.0.image.0.path must be shorter than or equal to 2048 characters");
    }

    @Test
    void stripsFromContentWhatTheDatabaseCannotStore() {
        var created =
                tenant.createPosts(create("[]", entry(webhook, "{\"content\":\"<p>a\\u0000b\\ud800c&#0;d</p>\"}")));

        var content = jdbc.sql("select content from posts where id = :id")
                .param("id", UUID.fromString(created.get(0).get("postId").asString()))
                .query(String.class)
                .single();
        assertThat(content).isEqualTo("<p>abc\uFFFDd</p>");
    }

    private void refused(String body, String... messages) {
        var before = rows.of(tenant);

        var response = tenant.post("/public/v1/posts", body);

        var list = java.util.Arrays.stream(messages).map(m -> "\"" + m + "\"").collect(Collectors.joining(","));
        assertAnswer(response, 400, """
                {"statusCode":400,"message":[%s],"error":"Bad Request"}""".formatted(list));
        assertThat(rows.of(tenant)).isEqualTo(before);
    }

    private static String create(String tags, String entries) {
        return """
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":%s,"posts":[%s]}""".formatted(tags, entries);
    }

    private static String draft(String tags, String entries) {
        return create(tags, entries).replace("\"schedule\"", "\"draft\"");
    }

    private static String entry(String integration, String values) {
        return "{\"integration\":{\"id\":\"" + integration + "\"},\"value\":[" + values + "]}";
    }

    private static String tags(int count, int labelLength) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"value\":\"v\",\"label\":\""
                        + ("t" + i + "-".repeat(labelLength)).substring(0, labelLength) + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
