package io.herald.posts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The bounds of one create, at and just over each limit (the integration tests pin the bodies). */
class CreatePostParserTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void takesOneHundredEntriesButNotOneHundredAndOne() {
        assertThat(CreatePostParser.parse(json.readTree(create(100)), UUID.randomUUID())
                        .entries())
                .hasSize(100);
        assertThatExceptionOfType(InvalidRequestException.class)
                .isThrownBy(() -> CreatePostParser.parse(json.readTree(create(101)), UUID.randomUUID()))
                .satisfies(e -> assertThat(e.body())
                        .isEqualTo(java.util.List.of("posts must contain no more than 100 elements")));
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
