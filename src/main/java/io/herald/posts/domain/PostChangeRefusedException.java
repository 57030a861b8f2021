package io.herald.posts.domain;

/** A change of a post its current state or place does not allow (Postiz answers these with 400 and a sentence). */
public class PostChangeRefusedException extends RuntimeException {

    PostChangeRefusedException(String message) {
        super(message);
    }
}
