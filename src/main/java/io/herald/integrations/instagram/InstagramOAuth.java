package io.herald.integrations.instagram;

import io.herald.integrations.ConnectedAccount;
import io.herald.integrations.OAuthTokens;
import io.herald.integrations.meta.FacebookLogin;
import io.herald.integrations.meta.FacebookLoginProvider;
import io.herald.integrations.meta.Graphs;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Connects Instagram business and creator accounts the way Postiz's {@code instagram} provider
 * does: through Facebook Login, each account being the {@code instagram_business_account} of a
 * Facebook page the user manages ({@code /me/accounts}). The accounts are offered (one is connected
 * at once); the integration publishes with its page's token, which does not expire. (Postiz's
 * {@code instagram-standalone}, Instagram Login without a page, is another provider.)
 */
@Component
@EnableConfigurationProperties(InstagramProperties.class)
class InstagramOAuth extends FacebookLoginProvider {

    /** Reading the account, publishing, commenting, and finding the account through its page. */
    static final List<String> SCOPES = List.of(
            "instagram_basic",
            "instagram_content_publish",
            "instagram_manage_comments",
            "pages_show_list",
            "pages_read_engagement");

    private final JsonMapper json;

    InstagramOAuth(InstagramProperties properties, Graphs graphs, JsonMapper json) {
        super(new FacebookLogin(graphs.api("Instagram", properties.graphUrl()), properties.app(), SCOPES));
        this.json = json;
    }

    @Override
    public String identifier() {
        return InstagramPublisher.IDENTIFIER;
    }

    @Override
    public String platform() {
        return "Instagram";
    }

    @Override
    public List<ConnectedAccount> accounts(OAuthTokens tokens) {
        var accounts = new ArrayList<ConnectedAccount>();
        for (var page : login().pages(
                        tokens.accessToken(),
                        "id,name,access_token,instagram_business_account{id,username,name,profile_picture_url}")) {
            var account = page.path("instagram_business_account");
            var token = page.path("access_token").asString("");
            if (!account.path("id").isString() || token.isEmpty()) {
                continue;
            }
            var id = account.path("id").asString();
            var username = account.path("username").asString("");
            var name = account.path("name").asString("");
            var picture = account.path("profile_picture_url");
            accounts.add(new ConnectedAccount(
                    id,
                    !name.isBlank() ? name : !username.isBlank() ? username : "Instagram account " + id,
                    picture.isString() ? picture.asString() : null,
                    username.isBlank() ? null : username,
                    json.createObjectNode().put("userId", id),
                    new OAuthTokens(token, null, null)));
        }
        return accounts;
    }
}
