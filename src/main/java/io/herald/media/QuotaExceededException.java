package io.herald.media;

/** An upload that would take the organization's media over {@code herald.media.quota}. */
class QuotaExceededException extends RuntimeException {

    QuotaExceededException(long quota) {
        super("The organization's media quota of " + quota + " bytes is used up");
    }
}
