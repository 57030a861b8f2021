package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Nest's reason phrases, whichever constant Spring hands out for a status. */
class NestErrorTests {

    @Test
    void callsA413PayloadTooLargeAsNestDoesEvenWhenSpringResolvesItToContentTooLarge() {
        var resolved = HttpStatus.resolve(413);

        assertThat(NestError.of(resolved, "Request entity too large"))
                .isEqualTo(new NestError(413, "Request entity too large", "Payload Too Large"));
    }

    @Test
    void keepsEveryOtherReasonPhrase() {
        assertThat(NestError.of(HttpStatus.NOT_FOUND, "Post not found").error()).isEqualTo("Not Found");
    }
}
