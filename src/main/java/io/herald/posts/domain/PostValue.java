package io.herald.posts.domain;

import io.herald.content.Html;
import java.util.List;

/**
 * One item of a thread: its content, sanitized on the way in (there is no other way to make one),
 * its plain text, its images and its delay in minutes after the previous item.
 */
public final class PostValue {

    private final String html;

    private final String text;

    private final List<PostImage> images;

    private final double delayMinutes;

    private PostValue(Html.Sanitized content, List<PostImage> images, double delayMinutes) {
        this.html = content.html();
        this.text = content.text();
        this.images = List.copyOf(images);
        this.delayMinutes = delayMinutes;
    }

    public static PostValue of(String content, List<PostImage> images, double delayMinutes) {
        return new PostValue(Html.sanitized(content), images, delayMinutes);
    }

    /** Neither text nor images: nothing to publish. */
    public boolean isEmpty() {
        return text.isBlank() && images.isEmpty();
    }

    public String html() {
        return html;
    }

    public String text() {
        return text;
    }

    public List<PostImage> images() {
        return images;
    }

    public double delayMinutes() {
        return delayMinutes;
    }
}
