package io.herald.integrations;

import io.herald.media.MediaFiles;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images of Herald's own media ({@code <herald.public-url>/media/<name>}), read from the media store
 * rather than fetched over HTTP from Herald itself: the public URL may lead to a proxy, another
 * node or nowhere from inside, and with {@code herald.media.s3.delivery=presigned} it answers a
 * redirect, which image fetches never follow.
 */
final class OwnMedia {

    /** No URL is Herald's own: every image is fetched. */
    static final OwnMedia NONE = new OwnMedia(uri -> Optional.empty(), name -> Optional.empty());

    private static final Logger log = LoggerFactory.getLogger(OwnMedia.class);

    private final Function<URI, Optional<String>> names;

    private final MediaFiles files;

    /** @param names the stored file's name an URL of Herald's own media names; empty for any other URL */
    OwnMedia(Function<URI, Optional<String>> names, MediaFiles files) {
        this.names = names;
        this.files = files;
    }

    /**
     * The image at {@code uri}, at most {@code limit} bytes, when {@code uri} is one of Herald's own
     * media; empty when it is not.
     *
     * @param shown the URL as messages may show it
     * @throws PlatformException when Herald stores no such file, it is over the limit, or the store cannot be read
     */
    Optional<PublicFetch.Fetched> read(URI uri, long limit, String shown) {
        var name = names.apply(uri);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try (var file = files.open(name.get())
                .orElseThrow(() -> new PlatformException("Image " + shown + " is not among Herald's uploads"))) {
            if (file.size() > limit) {
                throw tooLarge(shown, limit);
            }
            var bytes = file.content().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge(shown, limit);
            }
            return Optional.of(new PublicFetch.Fetched(bytes, file.contentType()));
        } catch (IOException e) {
            // the details (bucket, endpoint, cause) go to the log, not into the post's error
            log.warn("Cannot read image {} from the media store: {}", shown, e.getMessage());
            throw new PlatformException("Image " + shown + " could not be read from Herald's media store");
        }
    }

    private static PlatformException tooLarge(String shown, long limit) {
        return new PlatformException("Image " + shown + " is larger than " + limit + " bytes");
    }
}
