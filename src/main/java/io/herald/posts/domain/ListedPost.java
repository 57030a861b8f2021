package io.herald.posts.domain;

import io.herald.posts.publishing.PostState;
import java.time.Instant;
import java.util.UUID;

/**
 * A root post as {@code GET /posts} lists it. The JSON columns (settings, image, tags) stay JSON
 * text, to be written out as they are.
 */
public record ListedPost(
        UUID id,
        String content,
        Instant publishDate,
        String releaseUrl,
        String releaseId,
        PostState state,
        String error,
        UUID group,
        String creationMethod,
        String settingsJson,
        String imageJson,
        String tagsJson,
        UUID integrationId,
        String providerIdentifier,
        String integrationName,
        String integrationPicture,
        Integer intervalInDays) {}
