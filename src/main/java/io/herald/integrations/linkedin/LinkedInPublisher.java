package io.herald.integrations.linkedin;

import io.herald.integrations.Channel;
import io.herald.integrations.ConfigCheck;
import io.herald.integrations.ContentLimits;
import io.herald.integrations.OAuthProvider;
import io.herald.integrations.PlatformException;
import io.herald.integrations.Publication;
import io.herald.integrations.Publisher;
import io.herald.integrations.Release;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to LinkedIn through the Posts API ({@code POST /rest/posts}) as a member or as a page:
 * images are uploaded first ({@code initializeUpload}, then the bytes) and referenced by URN, one
 * as {@code content.media}, several as {@code content.multiImage}. Thread items become comments on
 * the thread's first post ({@code /rest/socialActions/<post>/comments}), as Postiz makes them; a
 * LinkedIn comment is text only.
 *
 * <p>Neither posts nor comments take an idempotency key, so neither is repeated after an unknown
 * outcome; image uploads are, since a repeat leaves an unused image at most.
 */
class LinkedInPublisher implements Publisher {

    // LinkedIn's commentary holds 3,000 characters; a multi-image post takes up to 20 images.
    private static final ContentLimits LIMITS = new ContentLimits(3000, ContentLimits.Unit.CHARACTERS, 20)
            .withVideos(0)
            .withTextOnlyThreadItems();

    private final Author author;

    private final LinkedInApi api;

    private final JsonMapper json;

    LinkedInPublisher(Author author, LinkedInApi api, JsonMapper json) {
        this.author = author;
        this.api = api;
        this.json = json;
    }

    @Override
    public String identifier() {
        return author.identifier;
    }

    /** {@code author} is the URN posts go out under; connecting through LinkedIn fills everything in. */
    @Override
    public List<String> configErrors(JsonNode config) {
        var errors = new ArrayList<>(ConfigCheck.of(config)
                .text("author")
                .text("accessToken")
                .optionalText("refreshToken")
                .errors());
        var urn = config == null ? null : config.path("author");
        if (urn != null && urn.isString() && !urn.asString().startsWith(author.urnPrefix)) {
            errors.add("config.author must be a URN " + author.urnPrefix + "<id>");
        }
        return errors;
    }

    @Override
    public List<String> secretFields() {
        return OAuthProvider.TOKEN_FIELDS;
    }

    @Override
    public ContentLimits limits() {
        return LIMITS;
    }

    @Override
    public Release publish(Publication publication, Channel channel, JsonNode config) {
        var token = config.path("accessToken").asString();
        var urn = config.path("author").asString();
        if (publication.isReply()) {
            return comment(publication, token, urn);
        }
        var images = new ArrayList<String>();
        for (var image : publication.images()) {
            images.add(api.uploadImage(token, urn, image));
        }
        var post = json.createObjectNode()
                .put("author", urn)
                .put("commentary", LittleText.escape(publication.text()))
                .put("visibility", "PUBLIC");
        var distribution = post.putObject("distribution").put("feedDistribution", "MAIN_FEED");
        distribution.putArray("targetEntities");
        distribution.putArray("thirdPartyDistributionChannels");
        if (images.size() == 1) {
            var media = post.putObject("content").putObject("media").put("id", images.get(0));
            alt(publication.images().get(0)).ifPresent(alt -> media.put("altText", alt));
        } else if (images.size() > 1) {
            var multi = post.putObject("content").putObject("multiImage").putArray("images");
            for (int i = 0; i < images.size(); i++) {
                var entry = multi.addObject().put("id", images.get(i));
                alt(publication.images().get(i)).ifPresent(alt -> entry.put("altText", alt));
            }
        }
        post.put("lifecycleState", "PUBLISHED");
        post.put("isReshareDisabledByAuthor", false);
        var id = api.createPost(token, post);
        return new Release(id, "https://www.linkedin.com/feed/update/" + id, null);
    }

    /** A thread item: a comment on the thread's first post, by the same author. */
    private Release comment(Publication publication, String token, String urn) {
        var root = publication.root();
        if (root == null || root.id() == null || !root.id().startsWith("urn:li:")) {
            throw new PlatformException("The thread's first post has no LinkedIn URN to comment on");
        }
        if (!publication.images().isEmpty()) {
            throw new PlatformException("LinkedIn comments carry text only; this thread item has images");
        }
        var id = api.comment(token, urn, root.id(), LittleText.escape(publication.text()));
        return new Release(
                id,
                "https://www.linkedin.com/feed/update/" + root.id() + "?commentUrn="
                        + URLEncoder.encode(id, StandardCharsets.UTF_8),
                null);
    }

    private static Optional<String> alt(Publication.Image image) {
        return image.alt() == null || image.alt().isBlank() ? Optional.empty() : Optional.of(image.alt());
    }
}
