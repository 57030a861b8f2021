package io.herald.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.organizations.CallerOrganization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class RateLimitInterceptorTests {

    @Test
    void aLimitOfZeroTurnsTheLimitOff() throws Exception {
        // No counter: with the limit off nothing may be counted.
        var interceptor = new RateLimitInterceptor(
                "posts:create", 0, null, Clock.systemUTC(), JsonMapper.builder().build(), new SimpleMeterRegistry());
        var request = new MockHttpServletRequest("POST", "/public/v1/posts");
        request.setAttribute(CallerOrganization.ATTRIBUTE, new CallerOrganization(UUID.randomUUID()));
        var response = new MockHttpServletResponse();

        var proceed = interceptor.preHandle(request, response, new Object());

        assertThat(proceed).isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderNames()).isEmpty();
    }
}
