package io.herald.integrations.facebook;

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
 * Connects Facebook pages through Facebook Login: the pages the user manages are offered (one page
 * is connected at once) and the chosen one becomes the integration, with the page's own token,
 * which does not expire. Only pages whose token Facebook gives (the user may create content there)
 * are offered.
 */
@Component
@EnableConfigurationProperties(FacebookProperties.class)
class FacebookOAuth extends FacebookLoginProvider {

    /** Listing the pages, reading them, posting as them and commenting as them. */
    static final List<String> SCOPES =
            List.of("pages_show_list", "pages_read_engagement", "pages_manage_posts", "pages_manage_engagement");

    private final JsonMapper json;

    FacebookOAuth(FacebookProperties properties, Graphs graphs, JsonMapper json) {
        super(new FacebookLogin(graphs.api("Facebook", properties.graphUrl()), properties.app(), SCOPES));
        this.json = json;
    }

    @Override
    public String identifier() {
        return FacebookPublisher.IDENTIFIER;
    }

    @Override
    public String platform() {
        return "Facebook";
    }

    @Override
    public List<ConnectedAccount> accounts(OAuthTokens tokens) {
        var accounts = new ArrayList<ConnectedAccount>();
        for (var page : login().pages(tokens.accessToken(), "id,name,username,access_token,picture{url}")) {
            var token = page.path("access_token").asString("");
            if (token.isEmpty()) {
                continue;
            }
            var id = page.path("id").asString();
            var picture = page.path("picture").path("data").path("url");
            var username = page.path("username");
            accounts.add(new ConnectedAccount(
                    id,
                    page.path("name").asString("Facebook page " + id),
                    picture.isString() ? picture.asString() : null,
                    username.isString() && !username.asString().isBlank() ? username.asString() : null,
                    json.createObjectNode().put("pageId", id),
                    new OAuthTokens(token, null, null)));
        }
        return accounts;
    }
}
