package io.herald.posts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.herald.kernel.ApiTime;
import io.herald.posts.domain.CreatedPost;
import io.herald.posts.domain.DeletionPreview;
import io.herald.posts.domain.GroupDeletion;
import io.herald.posts.domain.ListedPost;
import io.herald.posts.domain.PostView;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;

/** The bodies of the posts routes, field for field what Postiz clients read. */
final class PostResponses {

    private PostResponses() {}

    record Created(UUID postId, UUID integration, UUID group) {

        static Created of(CreatedPost post) {
            return new Created(post.postId(), post.integration(), post.group());
        }
    }

    /**
     * The list; a page of it (with {@code limit}) also carries {@code nextCursor}, JSON {@code null}
     * on the last page. Without {@code limit} the field is absent: Postiz's answer exactly.
     */
    record Listing(
            List<Item> posts,

            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonRawValue
            String nextCursor) {

        static Listing of(List<ListedPost> posts) {
            return new Listing(posts.stream().map(Item::of).toList(), null);
        }

        /** A page; {@code nextCursor} is URL-safe base64, which needs no escaping in JSON. */
        static Listing page(List<ListedPost> posts, String nextCursor) {
            return new Listing(
                    posts.stream().map(Item::of).toList(), nextCursor == null ? "null" : "\"" + nextCursor + "\"");
        }
    }

    record Item(
            UUID id,
            String content,
            String publishDate,
            @JsonProperty("releaseURL") String releaseUrl,
            String releaseId,
            String state,
            String status,
            String error,
            UUID group,
            String creationMethod,
            @JsonRawValue String settings,
            @JsonRawValue String image,
            @JsonRawValue String tags,
            Integration integration,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer intervalInDays) {

        static Item of(ListedPost post) {
            return new Item(
                    post.id(),
                    post.content(),
                    ApiTime.format(post.publishDate()),
                    post.releaseUrl(),
                    post.releaseId(),
                    post.state().state(),
                    post.state().status(),
                    post.error(),
                    post.group(),
                    post.creationMethod(),
                    post.settingsJson(),
                    post.imageJson(),
                    post.tagsJson(),
                    new Integration(
                            post.integrationId(),
                            post.providerIdentifier(),
                            post.integrationName(),
                            post.integrationPicture()),
                    post.intervalInDays());
        }
    }

    record Integration(UUID id, String providerIdentifier, String name, String picture) {}

    /** {@code GET /posts/{id}}: the list item's fields, then what Herald adds. */
    record Detail(
            UUID id,
            String content,
            String publishDate,
            @JsonProperty("releaseURL") String releaseUrl,
            String releaseId,
            String state,
            String status,
            String error,
            UUID group,
            String creationMethod,
            @JsonRawValue String settings,
            @JsonRawValue String image,
            @JsonRawValue String tags,
            Integration integration,
            Integer intervalInDays,
            List<ThreadItem> thread,
            List<Member> members,
            boolean editable,
            boolean deletable,
            long version) {

        /** The answer of §9.3: the post, with its group's version as the {@code ETag}. */
        static ResponseEntity<Detail> answer(PostView view) {
            return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(of(view));
        }

        static Detail of(PostView view) {
            var item = Item.of(view.post());
            return new Detail(
                    item.id(),
                    item.content(),
                    item.publishDate(),
                    item.releaseUrl(),
                    item.releaseId(),
                    item.state(),
                    item.status(),
                    item.error(),
                    item.group(),
                    item.creationMethod(),
                    item.settings(),
                    item.image(),
                    item.tags(),
                    item.integration(),
                    view.post().intervalInDays(),
                    view.thread().stream().map(ThreadItem::of).toList(),
                    view.members().stream().map(Member::of).toList(),
                    view.editable(),
                    view.deletable(),
                    view.version());
        }
    }

    record ThreadItem(
            UUID id,
            String content,
            @JsonRawValue String image,
            Number delay,
            String state,
            String status,
            String releaseId,
            @JsonProperty("releaseURL") String releaseUrl,
            String error) {

        static ThreadItem of(PostView.ThreadItem item) {
            return new ThreadItem(
                    item.id(),
                    item.content(),
                    item.imageJson(),
                    minutes(item.delayMinutes()),
                    item.state().state(),
                    item.state().status(),
                    item.releaseId(),
                    item.releaseUrl(),
                    item.error());
        }

        /** Whole minutes as an integer, as the client sent them; fractions as they are. */
        private static Number minutes(double delay) {
            return delay == Math.rint(delay) ? (Number) (long) delay : (Number) delay;
        }
    }

    record Member(UUID id, UUID integration, String state, String status) {

        static Member of(PostView.Member member) {
            return new Member(
                    member.id(),
                    member.integrationId(),
                    member.state().state(),
                    member.state().status());
        }
    }

    /** Postiz clients only need a JSON body; Herald says what the delete did. {@code id} only for a post delete. */
    record Deleted(
            boolean success,
            @JsonInclude(JsonInclude.Include.NON_NULL) String id,
            UUID group,
            List<UUID> deleted,
            List<UUID> kept) {

        static Deleted of(String id, GroupDeletion deletion) {
            return new Deleted(true, id, deletion.group(), deletion.deleted(), deletion.kept());
        }
    }

    /** A delete's dry run: the delete's body, marked, and the members being published right now. */
    record DryRun(
            boolean success,
            @JsonInclude(JsonInclude.Include.NON_NULL) String id,
            UUID group,
            List<UUID> deleted,
            List<UUID> kept,
            boolean dryRun,
            List<UUID> blocked) {

        /** The body, and the group's version as the ETag: {@code If-Match} with it deletes what was previewed. */
        static ResponseEntity<DryRun> answer(String id, DeletionPreview preview) {
            return ResponseEntity.ok()
                    .eTag("\"" + preview.version() + "\"")
                    .body(new DryRun(
                            true, id, preview.group(), preview.deleted(), preview.kept(), true, preview.blocked()));
        }
    }

    record StatusChanged(String id, String state) {}

    record SettingsChanged(String postId, String publishDate) {}

    /** The body of a provider rule failure: Postiz names the provider and the integration. */
    record ProviderError(int statusCode, String provider, String name, String message) {}
}
