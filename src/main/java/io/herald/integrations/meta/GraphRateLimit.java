package io.herald.integrations.meta;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a Meta answer is a rate limit, and when to try again. Meta refuses a throttled call before
 * doing anything, so the post was not published and may wait.
 *
 * <p>Whether: HTTP 429, or a Graph error whose code is one of Meta's throttling codes (4 the app's
 * limit, 17 the user's, 32 the page's, 613 a custom one, 80000 to 80014 the business-use-case
 * limits, among them 80001 for Pages and 80002 for Instagram), or Instagram's publishing limit (code
 * 9, subcode 2207042: 100 posts in 24 hours). Other errors are refusals, not limits.
 *
 * <p>When: Meta announces a time only in {@code X-Business-Use-Case-Usage}, whose entries carry an
 * {@code estimated_time_to_regain_access} in minutes; the post then waits the longest of them. The
 * app and user limits ({@code X-App-Usage}) give percentages and no time: the post waits the
 * configured {@code herald.providers.meta.rate-limit-wait}, then tries again (and waits again if
 * the limit holds, until {@code herald.publishing.missed-after} fails it).
 */
public final class GraphRateLimit {

    static final String BUSINESS_USAGE = "X-Business-Use-Case-Usage";

    private static final int PUBLISHING_LIMIT_SUBCODE = 2207042;

    private GraphRateLimit() {}

    /** Whether this answer is Meta throttling the call. */
    public static boolean isRateLimit(int status, GraphError error) {
        if (status == 429) {
            return true;
        }
        if (error == null) {
            return false;
        }
        var code = error.code();
        return code == 4
                || code == 17
                || code == 32
                || code == 613
                || (code >= 80000 && code <= 80014)
                || (code == 9 && error.subcode() == PUBLISHING_LIMIT_SUBCODE);
    }

    /** When a throttled call may be made again: Meta's estimate when it gives one, else {@code fallback} from now. */
    public static Instant retryAt(HttpHeaders headers, Instant now, Duration fallback, JsonMapper json) {
        return estimate(headers, json).map(now::plus).orElse(now.plus(fallback));
    }

    /** The longest {@code estimated_time_to_regain_access} of {@code X-Business-Use-Case-Usage}, if it names one. */
    static Optional<Duration> estimate(HttpHeaders headers, JsonMapper json) {
        var header = headers.firstValue(BUSINESS_USAGE);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        var minutes = 0L;
        try {
            for (var entries : json.readTree(header.get())) {
                for (var usage : entries) {
                    var estimate = usage.path("estimated_time_to_regain_access");
                    if (estimate.canConvertToLong()) {
                        minutes = Math.max(minutes, estimate.asLong());
                    }
                }
            }
        } catch (JacksonException e) {
            return Optional.empty();
        }
        // a zero estimate says nothing of when; a week bounds a nonsensical one (the post fails long before)
        return minutes > 0 ? Optional.of(Duration.ofMinutes(Math.min(minutes, 7 * 24 * 60))) : Optional.empty();
    }
}
