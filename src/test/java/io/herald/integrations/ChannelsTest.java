package io.herald.integrations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * One application context for the tests of connected channels (every class with this annotation
 * shares it): a real server on a random port whose public URL is its own address (platforms send
 * browsers back to it), with X, LinkedIn and Meta's platforms pointed at {@link FakePlatforms}, the
 * time X takes to process a video, and Meta's waits made short.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "herald.public-url=http://127.0.0.1:${local.server.port}",
            // X asks to be polled every second while it processes a video (check_after_secs)
            "herald.platforms.media-processing.timeout=10s",
            // Meta's waits, short: a rate limit without an estimate, and Instagram's and Threads' containers
            "herald.providers.meta.rate-limit-wait=2s",
            "herald.providers.meta.container-poll-interval=200ms",
            "herald.providers.meta.container-timeout=2s"
        })
@ContextConfiguration(initializers = FakePlatforms.class)
public @interface ChannelsTest {}
