package io.herald.integrations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What a platform accepts in one post: the longest text, measured the way the platform measures
 * it; how many images and videos, and whether they mix; whether thread items (which some platforms
 * publish as comments) carry media; the values some settings may take; whether a post must
 * carry media at all; and the platform's own {@link Rule}s for what the rest does not say.
 *
 * @param maxVideos {@link #VIDEOS_AS_IMAGES} when the platform does not tell videos from images
 *     (they count among {@code maxImages}); else the most videos, and a video is then the only media
 *     of its post
 * @param mediaRequired whether the first post of a thread needs an image or a video (Instagram
 *     publishes nothing without one); thread items are not concerned
 */
public record ContentLimits(
        int maxLength,
        Measure measure,
        int maxImages,
        int maxVideos,
        boolean mediaInThreadItems,
        Map<String, List<String>> settingChoices,
        boolean mediaRequired,
        List<Rule> rules) {

    public static final int VIDEOS_AS_IMAGES = -1;

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private static final List<String> VIDEO_EXTENSIONS = List.of(".mp4", ".m4v", ".mov", ".webm");

    public ContentLimits {
        settingChoices = Map.copyOf(settingChoices);
        rules = List.copyOf(rules);
    }

    /** Text up to {@code maxLength}, and up to {@code maxImages} media of any kind. */
    public ContentLimits(int maxLength, Measure measure, int maxImages) {
        this(maxLength, measure, maxImages, VIDEOS_AS_IMAGES, true, Map.of(), false, List.of());
    }

    /**
     * A platform's own rule, checked after the others: a caption shorter than a text, a setting the
     * platform requires. Says why an item breaks it, in words for the user; empty when it does not.
     */
    @FunctionalInterface
    public interface Rule {

        Optional<String> violation(Item item);
    }

    /** How a platform counts the length of a text. */
    public interface Measure {

        int length(String text);

        /** What it counts, in words: "characters". */
        String unit();

        /** How it counts, when that is not plain to see; empty when it is. */
        default String note() {
            return "";
        }
    }

    public enum Unit implements Measure {
        /** Unicode code points. */
        CHARACTERS("characters"),
        /** What a reader sees as one character (extended grapheme clusters). */
        GRAPHEMES("graphemes");

        private final String word;

        Unit(String word) {
            this.word = word;
        }

        @Override
        public int length(String text) {
            return switch (this) {
                case CHARACTERS -> text.codePointCount(0, text.length());
                case GRAPHEMES -> (int) GRAPHEME.matcher(text).results().count();
            };
        }

        @Override
        public String unit() {
            return word;
        }
    }

    /** One post to check: its plain text, its media's paths, whether it is a thread item, and its settings. */
    public record Item(String text, List<String> media, boolean threadItem, JsonNode settings) {}

    /** These limits with at most {@code max} videos, each the only media of its post. */
    public ContentLimits withVideos(int max) {
        return new ContentLimits(
                maxLength, measure, maxImages, max, mediaInThreadItems, settingChoices, mediaRequired, rules);
    }

    /** These limits for a platform that publishes thread items as comments of text only. */
    public ContentLimits withTextOnlyThreadItems() {
        return new ContentLimits(maxLength, measure, maxImages, maxVideos, false, settingChoices, mediaRequired, rules);
    }

    /** These limits with {@code settings.<key>}, when given, one of {@code choices}. */
    public ContentLimits withSetting(String key, List<String> choices) {
        var all = new LinkedHashMap<>(settingChoices);
        all.put(key, List.copyOf(choices));
        return new ContentLimits(
                maxLength, measure, maxImages, maxVideos, mediaInThreadItems, all, mediaRequired, rules);
    }

    /** These limits for a platform whose posts need an image or a video; thread items excepted. */
    public ContentLimits withMediaRequired() {
        return new ContentLimits(
                maxLength, measure, maxImages, maxVideos, mediaInThreadItems, settingChoices, true, rules);
    }

    /** These limits with the platform's own {@code rule} as well. */
    public ContentLimits withRule(Rule rule) {
        var all = new ArrayList<>(rules);
        all.add(rule);
        return new ContentLimits(
                maxLength, measure, maxImages, maxVideos, mediaInThreadItems, settingChoices, mediaRequired, all);
    }

    /**
     * These limits in words, for people and agents that write posts (Postiz's {@code rules}):
     * length, media, settings, and that the platform checks more of its own.
     */
    public String describe() {
        var text = new StringBuilder("Text up to " + maxLength + " " + measure.unit());
        text.append(measure.note().isEmpty() ? "." : " (" + measure.note() + ").");
        if (maxVideos == VIDEOS_AS_IMAGES) {
            text.append(" Up to ").append(maxImages).append(" media per post.");
        } else if (maxVideos == 0) {
            text.append(" Up to ").append(maxImages).append(" images per post; no videos.");
        } else {
            text.append(" Up to ")
                    .append(maxImages)
                    .append(" images per post, or up to ")
                    .append(maxVideos)
                    .append(maxVideos == 1 ? " video" : " videos")
                    .append(" as the only media of its post.");
        }
        if (mediaRequired) {
            text.append(" The first post of a thread needs an image or a video.");
        }
        if (!mediaInThreadItems) {
            text.append(" Thread items are published as comments and carry text only.");
        }
        settingChoices.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(choice -> text.append(" settings.")
                        .append(choice.getKey())
                        .append(", when given, is one of ")
                        .append(String.join(", ", choice.getValue()))
                        .append('.'));
        if (!rules.isEmpty()) {
            text.append(" The platform has rules of its own besides, checked when a post is scheduled.");
        }
        return text.toString();
    }

    /** Why {@code item} breaks these limits, if it does. */
    public Optional<String> violation(Item item) {
        var length = measure.length(item.text());
        if (length > maxLength) {
            return Optional.of("The post is " + length + " " + measure.unit() + " long; at most " + maxLength
                    + " are allowed" + (measure.note().isEmpty() ? "" : " (" + measure.note() + ")"));
        }
        return media(item)
                .or(() -> setting(item.settings()))
                .or(() -> rules.stream()
                        .map(rule -> rule.violation(item))
                        .flatMap(Optional::stream)
                        .findFirst());
    }

    private Optional<String> media(Item item) {
        var media = item.media();
        if (mediaRequired && !item.threadItem() && media.isEmpty()) {
            return Optional.of("The post needs at least one image or video");
        }
        if (item.threadItem() && !mediaInThreadItems && !media.isEmpty()) {
            return Optional.of("Thread items are published as comments, which carry text only; this one has "
                    + media.size() + " media");
        }
        if (maxVideos == VIDEOS_AS_IMAGES) {
            return media.size() > maxImages ? tooManyImages(media.size()) : Optional.empty();
        }
        var videos = media.stream().filter(ContentLimits::isVideo).count();
        var images = media.size() - videos;
        if (videos > maxVideos) {
            return Optional.of(
                    maxVideos == 0
                            ? "The post has a video; videos are not supported here"
                            : "The post has " + videos + " videos; at most " + maxVideos + " is allowed");
        }
        if (videos > 0 && images > 0) {
            return Optional.of("The post has a video and images; a video must be the only media of its post");
        }
        return images > maxImages ? tooManyImages(images) : Optional.empty();
    }

    private Optional<String> tooManyImages(long images) {
        return Optional.of("The post has " + images + " images; at most " + maxImages + " are allowed");
    }

    private Optional<String> setting(JsonNode settings) {
        var broken = new ArrayList<String>();
        settingChoices.forEach((key, choices) -> {
            var value = settings == null ? null : settings.get(key);
            if (value != null && !value.isNull() && !(value.isString() && choices.contains(value.asString()))) {
                broken.add("settings." + key + " must be one of " + String.join(", ", choices));
            }
        });
        return broken.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", broken));
    }

    /** Whether a media path names a video, by its extension (Herald's uploads always carry one). */
    public static boolean isVideo(String path) {
        var end = path.length();
        for (var mark : new char[] {'?', '#'}) {
            var at = path.indexOf(mark);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        var bare = path.substring(0, end).toLowerCase(Locale.ROOT);
        return VIDEO_EXTENSIONS.stream().anyMatch(bare::endsWith);
    }
}
