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
 * browsers back to it), with X and LinkedIn pointed at {@link FakePlatforms}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "herald.public-url=http://127.0.0.1:${local.server.port}")
@ContextConfiguration(initializers = FakePlatforms.class)
public @interface ChannelsTest {}
