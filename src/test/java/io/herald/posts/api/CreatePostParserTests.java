package io.herald.posts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.herald.posts.domain.CreatePost;
import io.herald.posts.domain.PostImage;
import io.herald.posts.domain.PostType;
import io.herald.posts.domain.PostValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The create request's validation, without a server: Postiz's messages with their dotted paths,
 * all of them at once, in the order Postiz gives them; the integration check before any of them
 * and the group check after. (What the server answers with them is pinned in
 * {@code CreatePostsIntegrationTests}.)
 */
class CreatePostParserTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final UUID ORGANIZATION = UUID.fromString("01a20000-0000-7000-8000-000000000001");

    @Test
    void readsAValidRequest() {
        var post = parse("""
                {"type":"schedule","date":"2030-05-01T09:00:00Z","shortLink":false,"creationMethod":"CLI",
                 "tags":[{"value":"l","label":" Launch "}],
                 "posts":[{"integration":{"id":"i-1"},"settings":{"visibility":"unlisted"},
                           "value":[{"content":"<p>Hello</p>","image":[{"id":"m","path":" https://pics.test/a.png ","alt":"A"}]},
                                    {"content":"again","delay":null},
                                    {"content":"later","delay":1.5}]}]}
                """);

        assertThat(post.organizationId()).isEqualTo(ORGANIZATION);
        assertThat(post.type()).isEqualTo(PostType.SCHEDULE);
        assertThat(post.date()).isEqualTo(Instant.parse("2030-05-01T09:00:00Z"));
        assertThat(post.tagLabels()).containsExactly("Launch");
        assertThat(post.creationMethod()).isEqualTo("CLI");
        var entry = post.entries().get(0);
        assertThat(entry.integrationId()).isEqualTo("i-1");
        assertThat(entry.settings().toString()).isEqualTo("{\"visibility\":\"unlisted\"}");
        assertThat(entry.values()).extracting(value -> value.text()).containsExactly("Hello", "again", "later");
        assertThat(entry.values()).extracting(value -> value.delayMinutes()).containsExactly(0.0, 0.0, 1.5);
        assertThat(entry.values().get(0).images())
                .containsExactly(new PostImage("m", "https://pics.test/a.png", "A", null));
    }

    @ParameterizedTest
    @CsvSource({"'\"API\"', API", "'\"WEB\"', API", "null, API", "'\"CLI\"', CLI"})
    void recordsCliOnlyWhenTheRequestSaysSo(String creationMethod, String stored) {
        var post = parse("""
                {"type":"now","shortLink":true,"tags":[],"creationMethod":%s,
                 "posts":[{"integration":{"id":"i"},"value":[{"content":"x"}]}]}
                """.formatted(creationMethod));

        assertThat(post.creationMethod()).isEqualTo(stored);
        assertThat(post.date()).as("a post of type now has no date").isNull();
    }

    @Test
    void namesEveryFieldThatIsWrongAtOnceInPostizsWords() {
        assertThat(messages("""
                        {"type":"later","shortLink":"no","date":"May 1st","tags":[1,{"value":2},{"value":"v","label":" "}],
                         "posts":[{"integration":{"id":"i"},"settings":[],"group":7,
                                   "value":[5,{"content":3,"image":"none","delay":-1},{"content":"","image":[]},
                                            {"content":"x","delay":525601},
                                            {"image":[2,{"path":" "},{"path":"file:///etc/passwd"}]}]},
                                  {"integration":{"id":"j"},"value":[]},
                                  {"integration":{"id":"k"},"value":{}}]}
                        """))
                .containsExactly(
                        "type must be one of the following values: draft, schedule, now",
                        "shortLink must be a boolean value",
                        "date must be a valid ISO 8601 date string",
                        "tags.0 must be an object",
                        "tags.1.value must be a string",
                        "tags.1.label must be a string",
                        "tags.2.label should not be empty",
                        "posts.0.value.0 must be an object",
                        "posts.0.value.1.content must be a string",
                        "posts.0.value.1.image must be an array",
                        "posts.0.value.1.delay must be a number not less than 0",
                        "posts.0.value.1 must have text content or at least one image",
                        "posts.0.value.2 must have text content or at least one image",
                        "posts.0.value.3.delay must not be greater than 525600",
                        "posts.0.value.4.image.0 must be an object",
                        "posts.0.value.4.image.1.path must be a non-empty string",
                        "posts.0.value.4.image.2.path must be an http or https URL",
                        "posts.0.settings must be an object",
                        "posts.0.group must be a string",
                        "posts.1.value must contain at least 1 elements",
                        "posts.2.value must be an array");
    }

    @Test
    void namesTheMissingArraysOfAnEmptyBody() {
        assertThat(messages("{}"))
                .containsExactly(
                        "type must be one of the following values: draft, schedule, now",
                        "shortLink must be a boolean value",
                        "date must be a valid ISO 8601 date string",
                        "tags must be an array",
                        "posts must be an array");
        assertThat(messages("[1,2]"))
                .as("a body that is no object reads as an empty one")
                .hasSize(5);
        assertThat(messages("""
                        {"type":"draft","shortLink":false,"date":"2030-05-01T09:00:00Z","tags":[],"posts":[]}""")).containsExactly("posts must contain at least 1 elements");
    }

    @Test
    void checksThatEveryEntryNamesAnIntegrationBeforeAnythingElse() {
        var refused = refused("""
                {"type":"later","posts":[{"integration":{"id":"i"},"value":[]},{"integration":{"id":""},"value":[]}]}
                """);

        assertThat(refused.body()).isEqualTo("All posts must have an integration id");
    }

    @Test
    void readsAnEditWithTheGroupTheValueIdsAndRepublish() {
        var edit = CreatePostParser.parse(json.readTree("""
                {"type":"update","shortLink":false,"date":"2030-05-01T09:00:00Z","tags":[],"republish":true,
                 "posts":[{"integration":{"id":"i"},"group":"g-1","value":[{"id":"p-1","content":"x"},{"content":"y"}]},
                          {"integration":{"id":"j"},"group":"g-1","value":[{"content":"z"}]}]}
                """), ORGANIZATION);

        assertThat(edit.group()).isEqualTo("g-1");
        assertThat(edit.type()).isEqualTo(PostType.UPDATE);
        assertThat(edit.republish()).isTrue();
        assertThat(edit.entries().get(0).values()).extracting(PostValue::id).containsExactly("p-1", null);
    }

    @Test
    void refusesAnEditWhoseEntriesNameDifferentGroups() {
        for (var second : new String[] {"\"g-2\"", "\"\""}) {
            var refused = refused("""
                    {"type":"draft","shortLink":false,"date":"2030-05-01T09:00:00Z","tags":[],
                     "posts":[{"integration":{"id":"i"},"group":"g-1","value":[{"content":"x"}]},
                              {"integration":{"id":"j"},"group":%s,"value":[{"content":"x"}]}]}
                    """.formatted(second));

            assertThat(refused.body()).isEqualTo("All posts of an edit must name the same group");
        }
    }

    @Test
    void aDraftMayHoldImagePathsThatAreNoUrls() {
        var post = parse("""
                {"type":"draft","shortLink":false,"date":"2030-05-01T09:00:00Z","tags":[],
                 "posts":[{"integration":{"id":"i"},"value":[{"image":[{"path":"uploads/cat.png"}]}]}]}
                """);

        assertThat(post.entries().get(0).values().get(0).images())
                .extracting(PostImage::path)
                .containsExactly("uploads/cat.png");
    }

    private static CreatePost parse(String body) {
        return CreatePostParser.parse(json.readTree(body), ORGANIZATION);
    }

    private static InvalidRequestException refused(String body) {
        return catchThrowableOfType(InvalidRequestException.class, () -> parse(body));
    }

    @SuppressWarnings("unchecked")
    private static List<String> messages(String body) {
        return (List<String>) refused(body).body();
    }

    @Test
    void takesOneHundredEntriesButNotOneHundredAndOne() {
        assertThat(CreatePostParser.parse(json.readTree(create(100)), UUID.randomUUID())
                        .entries())
                .hasSize(100);
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> CreatePostParser.parse(json.readTree(create(101)), UUID.randomUUID()))
                .satisfies(
                        e -> assertThat(e.body()).isEqualTo(List.of("posts must contain no more than 100 elements")));
    }

    @Test
    void takesSettingsOfSixtyFourKilobytesButNotMore() {
        var padding = 64 * 1024 - "{\"note\":\"\"}".length();

        assertThat(CreatePostParser.parse(json.readTree(withSettings(padding)), UUID.randomUUID())
                        .entries())
                .hasSize(1);
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> CreatePostParser.parse(json.readTree(withSettings(padding + 1)), UUID.randomUUID()));
    }

    @Test
    void takesATagLabelOfOneHundredCharactersButNotMore() {
        assertThat(CreatePostParser.parse(json.readTree(withLabel(100)), UUID.randomUUID())
                        .tagLabels())
                .containsExactly("l".repeat(100));
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> CreatePostParser.parse(json.readTree(withLabel(101)), UUID.randomUUID()));
    }

    private static String create(int entries) {
        return """
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],"posts":[%s]}""".formatted(IntStream.range(0, entries)
                .mapToObj(
                        i -> "{\"integration\":{\"id\":\"" + UUID.randomUUID() + "\"},\"value\":[{\"content\":\"x\"}]}")
                .collect(Collectors.joining(",")));
    }

    private static String withSettings(int padding) {
        return """
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[],
                 "posts":[{"integration":{"id":"%s"},"settings":{"note":"%s"},"value":[{"content":"x"}]}]}""".formatted(UUID.randomUUID(), "n".repeat(padding));
    }

    private static String withLabel(int length) {
        return """
                {"type":"draft","date":"2030-05-01T09:00:00Z","shortLink":false,"tags":[{"value":"v","label":"%s"}],
                 "posts":[{"integration":{"id":"%s"},"value":[{"content":"x"}]}]}""".formatted("l".repeat(length), UUID.randomUUID());
    }
}
