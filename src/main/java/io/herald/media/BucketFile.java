package io.herald.media;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * An object of the bucket as a Spring resource, so {@code /media/} serves it as it serves a file,
 * Range requests included. Its stream asks S3 for the object only at the first read, from where
 * the reader skipped to: Spring answers a Range by skipping to the range's start, and a video
 * player's seek near the end of a large file must not read the whole file from the bucket.
 */
final class BucketFile extends AbstractResource {

    private final S3Client s3;

    private final String bucket;

    private final String key;

    private final String name;

    private final long length;

    private final long lastModified;

    BucketFile(S3Client s3, String bucket, String key, String name, HeadObjectResponse head) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.name = name;
        this.length = head.contentLength();
        this.lastModified =
                head.lastModified() == null ? 0 : head.lastModified().toEpochMilli();
    }

    @Override
    public String getDescription() {
        return "object " + key + " of bucket " + bucket;
    }

    @Override
    public String getFilename() {
        return name;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public long lastModified() {
        return lastModified;
    }

    @Override
    public InputStream getInputStream() {
        return new ObjectStream();
    }

    /** Opened at its first read, from the position skipped to; a stream closed early drops the rest of the body. */
    private final class ObjectStream extends InputStream {

        private long position;

        private ResponseInputStream<GetObjectResponse> body;

        @Override
        public int read() throws IOException {
            if (!open()) {
                return -1;
            }
            var value = body.read();
            if (value >= 0) {
                position++;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            if (!open()) {
                return -1;
            }
            var read = body.read(buffer, offset, count);
            if (read > 0) {
                position += read;
            }
            return read;
        }

        @Override
        public long skip(long count) throws IOException {
            if (body != null) {
                var skipped = body.skip(count);
                position += skipped;
                return skipped;
            }
            var skipped = Math.max(0, Math.min(count, length - position));
            position += skipped;
            return skipped;
        }

        @Override
        public void close() throws IOException {
            if (body != null) {
                if (position < length) {
                    body.abort(); // rather than read the rest of a body nobody wants
                }
                body.close();
            }
        }

        /** Whether there is a body to read: false at the end of the object. */
        private boolean open() throws IOException {
            if (body != null) {
                return true;
            }
            if (position >= length) {
                return false;
            }
            var from = position;
            try {
                body = s3.getObject(request -> {
                    request.bucket(bucket).key(key);
                    if (from > 0) {
                        request.range("bytes=" + from + "-");
                    }
                });
                return true;
            } catch (SdkException e) {
                throw new IOException("Cannot read " + getDescription() + ": " + e.getMessage(), e);
            }
        }
    }
}
