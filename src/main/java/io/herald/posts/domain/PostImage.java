package io.herald.posts.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An image of a post: {@code path} is what gets published; {@code id} is the client's and opaque. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostImage(String id, String path, String alt, String thumbnail) {}
