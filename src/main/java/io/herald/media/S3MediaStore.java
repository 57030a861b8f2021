package io.herald.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.springframework.core.io.InputStreamSource;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Files as objects of one S3 bucket, for a cluster whose nodes share no volume. An upload is one
 * PUT of the file Tomcat spooled to disk, streamed with its known length (no copy in memory, and
 * an object appears only once complete); S3 takes up to 5 GiB that way.
 *
 * <p>Checksums are computed only where S3 requires them: the SDK's default (a CRC32 trailer on
 * every upload, in an {@code aws-chunked} body) is refused by S3-compatible stores that predate
 * it, and the signature (SigV4, per chunk over plain HTTP) or TLS protects the bytes anyway.
 */
final class S3MediaStore implements MediaStore, AutoCloseable {

    /** What S3 answers a direct GET with (a pre-signed URL, a public bucket, a CDN): the names never change. */
    private static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final S3Client s3;

    private final S3Presigner presigner;

    private final MediaProperties.S3 settings;

    private S3MediaStore(S3Client s3, S3Presigner presigner, MediaProperties.S3 settings) {
        this.s3 = s3;
        this.presigner = presigner;
        this.settings = settings;
    }

    static S3MediaStore connect(MediaProperties.S3 settings) {
        var credentials = credentials(settings);
        var region = Region.of(settings.region());
        var client = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Apache HttpClient 5 is on the classpath already (image fetches); no Netty.
                .httpClientBuilder(Apache5HttpClient.builder());
        endpoint(settings.endpoint()).ifPresent(client::endpointOverride);
        var presigner = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(settings.pathStyle())
                        .build());
        endpoint(settings.publicEndpoint())
                .or(() -> endpoint(settings.endpoint()))
                .ifPresent(presigner::endpointOverride);
        return new S3MediaStore(client.build(), presigner.build(), settings);
    }

    @Override
    public long save(String name, MediaKind kind, InputStreamSource content, long size) {
        try {
            s3.putObject(
                    request -> request.bucket(settings.bucket())
                            .key(key(name))
                            .contentType(kind.contentType())
                            .contentLength(size)
                            .cacheControl(CACHE_CONTROL),
                    // opened anew for each attempt the SDK makes
                    RequestBody.fromContentProvider(() -> open(content), size, kind.contentType()));
            return size;
        } catch (SdkException | UncheckedIOException e) {
            throw failure("store", name, e);
        }
    }

    @Override
    public Optional<Resource> find(String name) {
        try {
            var head =
                    s3.headObject(request -> request.bucket(settings.bucket()).key(key(name)));
            return Optional.of(new BucketFile(s3, settings.bucket(), key(name), name, head));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // a HEAD's 404 has no body to name the error by
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("find", name, e);
        } catch (SdkException e) {
            throw failure("find", name, e);
        }
    }

    @Override
    public void delete(String name) {
        try {
            s3.deleteObject(request -> request.bucket(settings.bucket()).key(key(name)));
        } catch (SdkException e) {
            throw failure("delete", name, e);
        }
    }

    @Override
    public Optional<URI> redirect(String name) {
        if (settings.delivery() != MediaProperties.Delivery.PRESIGNED) {
            return Optional.empty();
        }
        var url = presigner
                .presignGetObject(request -> request.signatureDuration(settings.presignedExpiry())
                        .getObjectRequest(get -> get.bucket(settings.bucket()).key(key(name))))
                .url();
        try {
            return Optional.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new MediaStoreException("The pre-signed URL of " + name + " is not a URI", e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private String key(String name) {
        return settings.prefix() + name;
    }

    private MediaStoreException failure(String action, String name, RuntimeException e) {
        return new MediaStoreException(
                "Cannot " + action + " " + key(name) + " in bucket " + settings.bucket() + ": " + e.getMessage(), e);
    }

    private static java.io.InputStream open(InputStreamSource content) {
        try {
            return content.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AwsCredentialsProvider credentials(MediaProperties.S3 settings) {
        if (settings.accessKey() == null || settings.accessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    }

    private static Optional<URI> endpoint(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value.trim()));
    }
}
