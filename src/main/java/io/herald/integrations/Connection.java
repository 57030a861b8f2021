package io.herald.integrations;

import java.util.List;
import java.util.UUID;

/** How a browser's return from a platform ended, for the page it is shown. */
sealed interface Connection {

    /** The account is an integration now: {@code reconnected} when it already was one and was refreshed. */
    record Connected(String platform, UUID integrationId, String name, String handle, boolean reconnected)
            implements Connection {}

    /** The authorization offers several accounts (pages): one is chosen with {@code token}. */
    record Choice(String platform, String token, List<Option> options) implements Connection {}

    /** An account on offer. */
    record Option(String id, String name, String handle) {}

    /** Nothing was changed; {@code detail} says what happened, {@code status} is the page's HTTP status. */
    record Refused(int status, String title, String detail) implements Connection {}
}
