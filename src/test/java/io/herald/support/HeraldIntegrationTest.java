package io.herald.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A whole Herald on a random port, on the shared test database. Every test class that uses this
 * annotation (and nothing else that changes the context) shares one application context, so one
 * clustered Quartz scheduler serves them all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FailingRoutes.class)
public @interface HeraldIntegrationTest {}
