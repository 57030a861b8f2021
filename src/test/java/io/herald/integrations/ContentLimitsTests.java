package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.support.LimitItems;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Platform limits count the way the platform does (Mastodon characters, Bluesky graphemes, spec
 * §4.1) and know each platform's media rules: how many images, whether a video stands alone,
 * whether comments carry media, which values a setting takes.
 */
class ContentLimitsTests {

    private static final ContentLimits MASTODON = new ContentLimits(500, ContentLimits.Unit.CHARACTERS, 4);

    private static final ContentLimits BLUESKY = new ContentLimits(300, ContentLimits.Unit.GRAPHEMES, 4);

    private static final ContentLimits ONE_VIDEO = new ContentLimits(280, ContentLimits.Unit.CHARACTERS, 4)
            .withVideos(1)
            .withSetting("who_can_reply_post", List.of("everyone", "following"));

    private static final ContentLimits COMMENTS = new ContentLimits(3000, ContentLimits.Unit.CHARACTERS, 20)
            .withVideos(0)
            .withTextOnlyThreadItems();

    private static final JsonMapper json = JsonMapper.builder().build();

    /** One grapheme of five code points (man, zero-width joiner, woman, joiner, girl). */
    private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

    @Test
    void countsMastodonCharactersAsCodePoints() {
        assertThat(MASTODON.violation(text("a".repeat(500)))).isEmpty();
        assertThat(MASTODON.violation(text("😀".repeat(500)))).isEmpty();
        assertThat(MASTODON.violation(text("😀".repeat(501))))
                .contains("The post is 501 characters long; at most 500 are allowed");
    }

    @Test
    void countsBlueskyGraphemes() {
        assertThat(BLUESKY.violation(text(FAMILY.repeat(300)))).isEmpty();
        assertThat(BLUESKY.violation(text("e\u0301".repeat(300)))).isEmpty();
        assertThat(BLUESKY.violation(text(FAMILY.repeat(301))))
                .contains("The post is 301 graphemes long; at most 300 are allowed");
    }

    @Test
    void takesEmptyTextAndExactlyTheLimits() {
        assertThat(MASTODON.violation(item("", 0))).isEmpty();
        assertThat(MASTODON.violation(item("a".repeat(500), 4))).isEmpty();
        assertThat(BLUESKY.violation(item("a".repeat(300), 4))).isEmpty();
    }

    @Test
    void namesTheTextBeforeTheImagesWhenBothAreOver() {
        assertThat(MASTODON.violation(item("a".repeat(501), 5)))
                .contains("The post is 501 characters long; at most 500 are allowed");
    }

    @Test
    void countsAGraphemeOfManyCodePointsAsManyCharacters() {
        assertThat(MASTODON.violation(item(FAMILY.repeat(101), 0)))
                .as("101 families are 505 code points")
                .contains("The post is 505 characters long; at most 500 are allowed");
    }

    @Test
    void limitsImages() {
        assertThat(MASTODON.violation(media(4, "a.png"))).isEmpty();
        assertThat(MASTODON.violation(media(5, "a.png"))).contains("The post has 5 images; at most 4 are allowed");
        assertThat(MASTODON.violation(media(4, "a.mp4"))).isEmpty();
    }

    @Test
    void aVideoStandsAloneWherePlatformsTellVideosFromImages() {
        assertThat(ONE_VIDEO.violation(item(List.of("https://cdn.test/clip.MP4?sig=1"), false)))
                .isEmpty();
        assertThat(ONE_VIDEO.violation(item(List.of("https://cdn.test/a.mp4", "https://cdn.test/b.mov"), false)))
                .contains("The post has 2 videos; at most 1 is allowed");
        assertThat(ONE_VIDEO.violation(item(List.of("https://cdn.test/a.mp4", "https://cdn.test/b.png"), false)))
                .contains("The post has a video and images; a video must be the only media of its post");
        assertThat(ONE_VIDEO.violation(media(5, "b.png"))).contains("The post has 5 images; at most 4 are allowed");
        assertThat(COMMENTS.violation(item(List.of("https://cdn.test/a.webm"), false)))
                .contains("The post has a video; videos are not supported here");
    }

    @Test
    void threadItemsPublishedAsCommentsCarryNoMedia() {
        assertThat(COMMENTS.violation(item(List.of("https://cdn.test/a.png"), false)))
                .isEmpty();
        assertThat(COMMENTS.violation(item(List.of("https://cdn.test/a.png"), true)))
                .contains("Thread items are published as comments, which carry text only; this one has 1 media");
        assertThat(ONE_VIDEO.violation(item(List.of("https://cdn.test/a.png"), true)))
                .isEmpty();
    }

    @Test
    void aPlatformThatNeedsMediaRefusesAPostWithoutAndLetsCommentsBe() {
        var media = new ContentLimits(2200, ContentLimits.Unit.CHARACTERS, 10)
                .withTextOnlyThreadItems()
                .withMediaRequired();

        assertThat(media.violation(item(List.of(), false))).contains("The post needs at least one image or video");
        assertThat(media.violation(item(List.of("https://cdn.test/a.jpg"), false)))
                .isEmpty();
        assertThat(media.violation(item(List.of(), true))).isEmpty();
        assertThat(MASTODON.violation(item(List.of(), false))).isEmpty();
    }

    @Test
    void aSettingWithChoicesTakesOneOfThem() {
        assertThat(ONE_VIDEO.violation(settings("{\"who_can_reply_post\":\"following\"}")))
                .isEmpty();
        assertThat(ONE_VIDEO.violation(settings("{\"other\":\"anything\"}"))).isEmpty();
        assertThat(ONE_VIDEO.violation(settings("{\"who_can_reply_post\":\"nobody\"}")))
                .contains("settings.who_can_reply_post must be one of everyone, following");
        assertThat(ONE_VIDEO.violation(settings("{\"who_can_reply_post\":3}")))
                .contains("settings.who_can_reply_post must be one of everyone, following");
    }

    @Test
    void aPlatformsOwnRulesAreCheckedAfterTheGeneralOnesInTheirOrder() {
        var captions = MASTODON.withRule(
                        item -> !item.media().isEmpty() && item.text().length() > 10
                                ? Optional.of("A caption holds at most 10 characters")
                                : Optional.empty())
                .withRule(item -> item.threadItem() ? Optional.of("No replies here") : Optional.empty());

        assertThat(captions.violation(text("a".repeat(11)))).isEmpty();
        assertThat(captions.violation(new ContentLimits.Item(
                        "a".repeat(11), List.of("https://cdn.test/a.png"), true, json.createObjectNode())))
                .contains("A caption holds at most 10 characters");
        assertThat(captions.violation(item(List.of("https://cdn.test/a.png"), true)))
                .contains("No replies here");
        assertThat(captions.violation(item(Collections.nCopies(5, "https://cdn.test/a.png"), true)))
                .contains("The post has 5 images; at most 4 are allowed");
        assertThat(MASTODON.violation(item(List.of("https://cdn.test/a.png"), true)))
                .as("a rule belongs to the limits it was added to")
                .isEmpty();
    }

    @Test
    void tellsVideosByTheirPathsExtension() {
        assertThat(ContentLimits.isVideo("https://herald.test/media/abc.mp4")).isTrue();
        assertThat(ContentLimits.isVideo("https://cdn.test/a.MOV#t=3")).isTrue();
        assertThat(ContentLimits.isVideo("https://cdn.test/a.png?format=mp4")).isFalse();
        assertThat(ContentLimits.isVideo("https://cdn.test/mp4")).isFalse();
    }

    private static ContentLimits.Item text(String text) {
        return new ContentLimits.Item(text, List.of(), false, json.createObjectNode());
    }

    private static ContentLimits.Item media(int count, String name) {
        return item(Collections.nCopies(count, "https://cdn.test/" + name), false);
    }

    private static ContentLimits.Item item(String text, int images) {
        return LimitItems.item(text, images);
    }

    private static ContentLimits.Item item(List<String> media, boolean threadItem) {
        return new ContentLimits.Item("", media, threadItem, json.createObjectNode());
    }

    private static ContentLimits.Item settings(String settings) {
        return new ContentLimits.Item("hi", List.of(), false, json.readTree(settings));
    }
}
