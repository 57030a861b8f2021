package io.herald.media;

import io.herald.kernel.StorableText;

/** An upload whose file name cannot be stored (PostgreSQL refuses NUL in text). */
class InvalidFileNameException extends RuntimeException {

    InvalidFileNameException() {
        super("File name " + StorableText.REFUSAL);
    }
}
