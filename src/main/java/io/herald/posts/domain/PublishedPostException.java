package io.herald.posts.domain;

/** A change that would touch what is already on the platform. */
public class PublishedPostException extends RuntimeException {

    public PublishedPostException(String what) {
        super(what + " is published");
    }
}
