package io.herald.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A whole Herald on a random port, on the shared test database, that publishes nothing
 * ({@code herald.publishing.enabled=false}): what the API stores stays as it was stored, so tests
 * assert exact states (a post due now stays QUEUE with its alarm). Every test class that uses this
 * annotation (and nothing else that changes the context) shares one application context, so one
 * clustered Quartz scheduler serves them all; its cluster name is its own, so no other test's
 * publisher takes its posts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "herald.publishing.enabled=false")
@Import(FailingRoutes.class)
public @interface HeraldIntegrationTest {}
