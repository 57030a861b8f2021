package io.herald.support;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts {@link TestClock#SHARED} in place of the application's clock. Deliberately not a
 * {@code @Configuration}: an application started from the tests with {@code SpringApplicationBuilder}
 * scans {@code io.herald} and must not pick it up unless it is passed as a source.
 */
public class TestClockConfiguration {

    @Bean
    @Primary
    Clock testClock() {
        return TestClock.SHARED;
    }
}
