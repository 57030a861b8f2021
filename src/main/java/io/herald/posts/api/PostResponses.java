package io.herald.posts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.herald.kernel.ApiTime;
import io.herald.posts.domain.CreatedPost;
import io.herald.posts.domain.DeletionPreview;
import io.herald.posts.domain.GroupDeletion;
import io.herald.posts.domain.ListedPost;
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

    record Listing(List<Item> posts) {}

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
            Integration integration) {

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
                            post.integrationPicture()));
        }
    }

    record Integration(UUID id, String providerIdentifier, String name, String picture) {}

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

    /** The body of a provider rule failure: Postiz names the provider and the integration. */
    record ProviderError(int statusCode, String provider, String name, String message) {}
}
