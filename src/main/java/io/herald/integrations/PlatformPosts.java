package io.herald.integrations;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The posts an integration's account has on its platform ({@link AccountPosts}), for the posts
 * module's reconciliation of publications whose outcome is unknown. Called outside any
 * transaction: it asks the platform.
 */
@Service
public class PlatformPosts {

    /** How many of an account's latest posts are listed: a lost publication is among the latest. */
    public static final int RECENT = 20;

    private final Accounts accounts;

    private final Map<String, AccountPosts> byIdentifier;

    PlatformPosts(Accounts accounts, List<AccountPosts> posts) {
        this.accounts = accounts;
        this.byIdentifier = posts.stream().collect(Collectors.toMap(AccountPosts::identifier, Function.identity()));
    }

    /** The account's latest posts, newest first; none where the platform cannot list them (a webhook). */
    public List<Release> recent(UUID integrationId) {
        var integration = live(integrationId);
        var posts = byIdentifier.get(integration.identifier());
        return posts == null ? List.of() : posts.recent(accounts.config(integration), RECENT);
    }

    /**
     * The release {@code releaseId} names on the account: looked up where the platform can tell (its
     * URL derived from it), taken as given (without a URL) where it cannot.
     *
     * @throws UnknownReleaseException when the platform has no post of the account by that id
     */
    public Release release(UUID integrationId, String releaseId) {
        var integration = live(integrationId);
        var posts = byIdentifier.get(integration.identifier());
        if (posts == null) {
            return new Release(releaseId, null, null);
        }
        return posts.find(accounts.config(integration), releaseId)
                .orElseThrow(() -> new UnknownReleaseException(
                        "Release " + releaseId + " is not a post of this " + integration.identifier() + " account"));
    }

    /** A live post's integration is live; one deleted meanwhile has no account to ask. */
    private Integration live(UUID integrationId) {
        try {
            return accounts.live(integrationId);
        } catch (IntegrationNotFoundException e) {
            throw new PlatformException("The integration was deleted");
        }
    }
}
