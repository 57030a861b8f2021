package io.herald.integrations;

import io.herald.organizations.CallerOrganization;
import io.herald.web.NestError;
import io.herald.web.PostizMessage;
import io.herald.web.PublicApi;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Postiz's {@code GET /public/v1/analytics/{integration}?date=<days>} (the CLI's {@code analytics:platform}). */
@RestController
class AnalyticsController {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsController.class);

    /** What the CLI sends without {@code -d}. */
    private static final String DEFAULT_DAYS = "7";

    static final String INVALID_DAYS = "date must be a number of days from 1 to 365";

    private final PlatformStatistics statistics;

    AnalyticsController(PlatformStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping(PublicApi.PATH + "/analytics/{integration}")
    List<PlatformStatistics.Analytics> account(
            CallerOrganization caller,
            @PathVariable String integration,
            @RequestParam(defaultValue = DEFAULT_DAYS) String date) {
        var days = PlatformStatistics.days(date).orElseThrow(InvalidDaysException::new);
        return statistics.account(caller.id(), integration, days);
    }

    @ExceptionHandler(InvalidDaysException.class)
    ResponseEntity<NestError> invalidDays(InvalidDaysException e) {
        log.warn("400: {}", e.getMessage());
        return NestError.response(HttpStatus.BAD_REQUEST, List.of(INVALID_DAYS));
    }

    /** A {@code date} that is no number of days Herald answers for. */
    static final class InvalidDaysException extends RuntimeException {

        InvalidDaysException() {
            super(INVALID_DAYS);
        }
    }

    @ExceptionHandler(IntegrationNotFoundException.class)
    ResponseEntity<PostizMessage> notFound() {
        return PostizMessage.response(HttpStatus.NOT_FOUND, "Integration not found");
    }

    /** The platform refused the call or could not be reached: its message says which. */
    @ExceptionHandler(PlatformException.class)
    ResponseEntity<NestError> platformFailed(PlatformException e) {
        log.warn("502: {}", e.getMessage());
        return NestError.response(HttpStatus.BAD_GATEWAY, e.getMessage());
    }
}
