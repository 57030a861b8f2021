package io.herald.posts.domain;

/** A change that would touch what is already on the platform. */
public class PublishedPostException extends RuntimeException {

    private final String refused;

    private PublishedPostException(String what, String refused) {
        super(what + " is published and cannot be " + refused);
        this.refused = refused;
    }

    static PublishedPostException deleting(String what) {
        return new PublishedPostException(what, "deleted");
    }

    static PublishedPostException changing(String what) {
        return new PublishedPostException(what, "changed");
    }

    /** What was refused, as a past participle: "deleted", "changed". */
    public String refused() {
        return refused;
    }
}
