package io.herald.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The instant forms of the contract (spec §1). */
class ApiTimeTests {

    @ParameterizedTest
    @CsvSource({
        "2030-05-01T09:00:00Z,          2030-05-01T09:00:00Z",
        "2030-05-01T09:00:00.000Z,      2030-05-01T09:00:00Z",
        "2030-05-01T09:00:00.123456Z,   2030-05-01T09:00:00.123456Z",
        "2030-05-01T09:00:00z,          2030-05-01T09:00:00Z",
        "2030-05-01T09:00:00+02:00,     2030-05-01T07:00:00Z",
        "2030-05-01T09:00:00.5-01:00,   2030-05-01T10:00:00.5Z",
        "2030-05-01T09:00:00,           2030-05-01T09:00:00Z",
        "2030-05-01T09:00,              2030-05-01T09:00:00Z",
        "' 2030-05-01T09:00:00Z ',      2030-05-01T09:00:00Z"
    })
    void parsesEveryInstantForm(String text, Instant expected) {
        assertThat(ApiTime.parse(text, false)).contains(expected);
        assertThat(ApiTime.parse(text, true)).contains(expected);
    }

    @Test
    void refusesInstantsOutsideTheFourDigitYears() {
        assertThat(ApiTime.parse("+10000-01-01T00:00:00Z", false)).isEmpty();
        assertThat(ApiTime.parse("9999-12-31T23:59:59Z", false)).contains(Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void readsABareDateAsTheStartOfThatDayInUtcOnlyWhereAllowed() {
        assertThat(ApiTime.parse("2030-05-01", true)).contains(Instant.parse("2030-05-01T00:00:00Z"));
        assertThat(ApiTime.parse("2030-05-01", false)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                " ",
                "tomorrow",
                "2030-02-30T09:00:00Z",
                "2030-05-01T24:00:01Z",
                "2030-13-01",
                "1714554000",
                "2030-05-01 09:00:00",
                "2030-05-01T09:00:00+25:00"
            })
    void refusesAnythingElse(String text) {
        assertThat(ApiTime.parse(text, true)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2030-05-01T09:00:00Z,          2030-05-01T09:00:00.000Z",
        "2030-05-01T09:00:00.123456Z,   2030-05-01T09:00:00.123Z",
        "2030-05-01T09:00:00.999999Z,   2030-05-01T09:00:00.999Z",
        "0999-01-01T00:00:00Z,          0999-01-01T00:00:00.000Z"
    })
    void writesUtcWithMilliseconds(Instant instant, String expected) {
        assertThat(ApiTime.format(instant)).isEqualTo(expected);
    }
}
