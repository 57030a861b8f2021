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

    /**
     * Replaces Spring Boot's multipart settings: parts are written to disk from their first byte
     * (threshold 0) in the media volume's spool folder, and the parser lets through the largest file
     * any kind may have; the per-kind limits are checked once the type is known.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(MediaDirectory directory, MediaProperties properties) {
        var largest = properties.largestFile();
        return new MultipartConfigElement(directory.incoming().toString(), largest, largest + ENVELOPE, 0);
    }
}
