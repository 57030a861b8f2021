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

    private final String id;

    private PostValue(Html.Sanitized content, List<PostImage> images, double delayMinutes, String id) {
        this.html = content.html();
        this.text = content.text();
        this.images = List.copyOf(images);
        this.delayMinutes = delayMinutes;
        this.id = id;
    }

    public static PostValue of(String content, List<PostImage> images, double delayMinutes) {
        return of(content, images, delayMinutes, null);
    }

    /** {@code id}: the post an edit names for this value, as the client wrote it (null: a new post). */
    public static PostValue of(String content, List<PostImage> images, double delayMinutes, String id) {
        return new PostValue(Html.sanitized(content), images, delayMinutes, id);
    }

    /** The post an edit names for this value, as the client wrote it; null for none. */
    public String id() {
        return id;
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
