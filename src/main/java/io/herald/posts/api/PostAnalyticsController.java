package io.herald.posts.api;

import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformStatistics;
import io.herald.organizations.CallerOrganization;
import io.herald.posts.domain.PostAnalytics;
import io.herald.web.NestError;
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

/**
 * Postiz's {@code GET /public/v1/analytics/post/{id}?date=<days>} (the CLI's {@code analytics:post}):
 * the numbers of a published post, {@code {"missing":true}} for a post with no release.
 */
@RestController
class PostAnalyticsController {

    private static final Logger log = LoggerFactory.getLogger(PostAnalyticsController.class);

    private final PostAnalytics analytics;

    PostAnalyticsController(PostAnalytics analytics) {
        this.analytics = analytics;
    }

    @GetMapping(PublicApi.PATH + "/analytics/post/{id}")
    Object post(CallerOrganization caller, @PathVariable String id, @RequestParam(defaultValue = "7") String date) {
        var days = PlatformStatistics.days(date);
        if (days.isEmpty()) {
            throw InvalidRequestException.fields(List.of("date must be a number of days from 1 to 365"));
        }
        // the document says which (ApiDocumentation): the numbers, or Postiz's missing answer
        return analytics
                .of(caller.id(), id, days.getAsInt())
                .<Object>map(numbers -> numbers)
                .orElse(new Missing(true));
    }

    /** The platform refused the call or could not be reached: its message says which. */
    @ExceptionHandler(PlatformException.class)
    ResponseEntity<NestError> platformFailed(PlatformException e) {
        log.warn("502: {}", e.getMessage());
        return NestError.response(HttpStatus.BAD_GATEWAY, e.getMessage());
    }

    /** Postiz's answer for a post that is not on its platform. */
    record Missing(boolean missing) {}
}
