package io.herald.media;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaProperties.class)
class MediaConfiguration {

    /** Room for the multipart envelope (boundaries, part headers) around the largest file. */
    private static final long ENVELOPE = DataSize.ofMegabytes(1).toBytes();

    @Bean
    MediaDirectory mediaDirectory(MediaProperties properties) {
        return new MediaDirectory(properties.directory());
    }

    /** The S3 store's client is closed with the context (Spring infers {@code close}). */
    @Bean
    MediaStore mediaStore(MediaProperties properties, MediaDirectory directory) {
        return switch (properties.store()) {
            case LOCAL -> new DirectoryMediaStore(directory);
            case S3 -> S3MediaStore.connect(properties.s3());
        };
    }

    /**
     * Replaces Spring Boot's multipart settings: parts are written to disk from their first byte
     * (threshold 0) in the media directory's spool folder, and the parser lets through the largest
     * file any kind may have; the per-kind limits are checked once the type is known. With the S3
     * store too, an upload is spooled to disk first: the PUT then streams it with its known length.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(MediaDirectory directory, MediaProperties properties) {
        var largest = properties.largestFile();
        return new MultipartConfigElement(directory.incoming().toString(), largest, largest + ENVELOPE, 0);
    }
}
