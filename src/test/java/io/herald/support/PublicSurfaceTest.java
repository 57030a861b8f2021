package io.herald.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * One application context for the tests of integrations, groups, upload, find-slot and the rate
 * limit (every class with this annotation shares it): a real server on a random port, a pinnable
 * clock, small rate limits, small upload limits and a small media quota so the limits can be
 * reached cheaply.
 *
 * <p>Its Quartz scheduler has a name of its own: Spring registers each scheduler's DataSource with
 * Quartz JVM-wide under the scheduler's name, so two live contexts with the same name would make
 * one's scheduler write through the other's pool (outside its own transactions), and closing one
 * would break the other.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "herald.rate-limit.posts-per-hour=" + PublicSurfaceTest.POSTS_PER_HOUR,
            "herald.rate-limit.uploads-per-hour=" + PublicSurfaceTest.UPLOADS_PER_HOUR,
            "herald.media.quota=" + PublicSurfaceTest.MEDIA_QUOTA,
            "herald.media.directory=" + PublicSurfaceTest.MEDIA_DIRECTORY,
            "herald.media.max-image-size=" + PublicSurfaceTest.MAX_IMAGE_SIZE,
            "herald.media.max-video-size=" + PublicSurfaceTest.MAX_VIDEO_SIZE,
            "herald.public-url=http://127.0.0.1:${local.server.port}",
            "spring.quartz.properties.org.quartz.scheduler.instanceName=" + PublicSurfaceTest.SCHEDULER
        })
@Import(TestClockConfiguration.class)
public @interface PublicSurfaceTest {

    int POSTS_PER_HOUR = 5;

    int UPLOADS_PER_HOUR = 10;

    String MEDIA_QUOTA = "4MB";

    String MEDIA_DIRECTORY = "target/test-media";

    String MAX_IMAGE_SIZE = "1MB";

    String MAX_VIDEO_SIZE = "2MB";

    String SCHEDULER = "herald-public-surface";
}
