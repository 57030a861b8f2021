package io.herald.integrations.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's rate limits: which answers are throttling (by their Graph error code, or HTTP 429), and
 * when to try again (Meta's {@code estimated_time_to_regain_access}, else the configured wait).
 */
class GraphRateLimitTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    private static final Instant NOW = Instant.parse("2030-05-01T09:00:00Z");

    private static final Duration FALLBACK = Duration.ofMinutes(10);

    @Test
    void throttlingCodesAreRateLimitsAndOtherErrorsAreNot() {
        for (var code : List.of(4, 17, 32, 613, 80001, 80002, 80014)) {
            assertThat(GraphRateLimit.isRateLimit(400, error(code, 0)))
                    .as("code %d", code)
                    .isTrue();
        }
        assertThat(GraphRateLimit.isRateLimit(400, error(9, 2207042)))
                .as("Instagram's 24-hour publishing limit")
                .isTrue();
        assertThat(GraphRateLimit.isRateLimit(429, null)).isTrue();
        assertThat(GraphRateLimit.isRateLimit(400, error(9, 0))).isFalse();
        assertThat(GraphRateLimit.isRateLimit(400, error(100, 0))).isFalse();
        assertThat(GraphRateLimit.isRateLimit(400, error(190, 0))).isFalse();
        assertThat(GraphRateLimit.isRateLimit(400, error(368, 1390008))).isFalse();
        assertThat(GraphRateLimit.isRateLimit(400, error(80015, 0))).isFalse();
        assertThat(GraphRateLimit.isRateLimit(500, null)).isFalse();
    }

    @Test
    void waitsTheLongestEstimateOfTheBusinessUseCaseHeader() {
        var headers = headers("""
                {"1001":[{"type":"pages","call_count":100,"total_cputime":4,"total_time":6,"estimated_time_to_regain_access":15}],
                 "1789":[{"type":"instagram","call_count":90,"estimated_time_to_regain_access":3},
                         {"type":"pages","estimated_time_to_regain_access":22}]}""");

        assertThat(GraphRateLimit.retryAt(headers, NOW, FALLBACK, json)).isEqualTo(NOW.plus(Duration.ofMinutes(22)));
    }

    @Test
    void waitsTheConfiguredTimeWhenMetaGivesNoEstimate() {
        assertThat(GraphRateLimit.retryAt(headers(null), NOW, FALLBACK, json)).isEqualTo(NOW.plus(FALLBACK));
        assertThat(GraphRateLimit.retryAt(
                        headers(
                                "{\"1001\":[{\"type\":\"pages\",\"call_count\":100,\"estimated_time_to_regain_access\":0}]}"),
                        NOW,
                        FALLBACK,
                        json))
                .isEqualTo(NOW.plus(FALLBACK));
        assertThat(GraphRateLimit.retryAt(headers("not json"), NOW, FALLBACK, json))
                .isEqualTo(NOW.plus(FALLBACK));
        var appUsage = HttpHeaders.of(
                Map.of("X-App-Usage", List.of("{\"call_count\":100,\"total_cputime\":9,\"total_time\":14}")),
                (name, value) -> true);
        assertThat(GraphRateLimit.retryAt(appUsage, NOW, FALLBACK, json)).isEqualTo(NOW.plus(FALLBACK));
    }

    @Test
    void anEstimateBeyondAWeekIsBoundedByAWeek() {
        var headers = headers("{\"1\":[{\"estimated_time_to_regain_access\":99999999}]}");

        assertThat(GraphRateLimit.retryAt(headers, NOW, FALLBACK, json)).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void readsMetasErrorBodyAndSaysItsMessageAndCodes() {
        var error = GraphError.in("""
                        {"error":{"message":"Only photo or video can be accepted as media type.","type":"OAuthException",
                          "code":9004,"error_subcode":2207052,"error_user_title":"Media download has failed.",
                          "error_user_msg":"The media could not be fetched.","fbtrace_id":"AbC"}}""", json).orElseThrow();

        assertThat(error)
                .isEqualTo(new GraphError(
                        9004,
                        2207052,
                        "OAuthException",
                        "Only photo or video can be accepted as media type.",
                        "The media could not be fetched."));
        assertThat(error.said())
                .isEqualTo("Only photo or video can be accepted as media type. The media could not be fetched. (code"
                        + " 9004, subcode 2207052)");
        assertThat(GraphError.in("{\"error\":{\"message\":\"(#506) Duplicate\",\"code\":506}}", json)
                        .orElseThrow()
                        .said())
                .isEqualTo("(#506) Duplicate (code 506)");
        assertThat(GraphError.in("{\"error\":\"invalid_grant\"}", json)).isEmpty();
        assertThat(GraphError.in("<html>", json)).isEmpty();
        assertThat(GraphError.in(null, json)).isEmpty();
    }

    private static GraphError error(int code, int subcode) {
        return new GraphError(code, subcode, "OAuthException", "limited", null);
    }

    private static HttpHeaders headers(String businessUsage) {
        return HttpHeaders.of(
                businessUsage == null ? Map.of() : Map.of(GraphRateLimit.BUSINESS_USAGE, List.of(businessUsage)),
                (name, value) -> true);
    }
}
