package io.herald.integrations.linkedin;

import io.herald.integrations.OAuthClient;
import io.herald.integrations.OAuthProvider;
import io.herald.integrations.Publisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** LinkedIn's two providers, {@code linkedin} (a member) and {@code linkedin-page} (a page): one platform, two authors. */
@Configuration(proxyBeanMethods = false)
class LinkedIn {

    @Bean
    Publisher linkedinMemberPublisher(LinkedInApi api, JsonMapper json) {
        return new LinkedInPublisher(Author.MEMBER, api, json);
    }

    @Bean
    Publisher linkedinPagePublisher(LinkedInApi api, JsonMapper json) {
        return new LinkedInPublisher(Author.PAGE, api, json);
    }

    @Bean
    OAuthProvider linkedinMemberOAuth(
            LinkedInProperties properties,
            LinkedInPageProperties page,
            OAuthClient oauth,
            LinkedInApi api,
            JsonMapper json) {
        return new LinkedInOAuth(Author.MEMBER, properties, page, oauth, api, json);
    }

    @Bean
    OAuthProvider linkedinPageOAuth(
            LinkedInProperties properties,
            LinkedInPageProperties page,
            OAuthClient oauth,
            LinkedInApi api,
            JsonMapper json) {
        return new LinkedInOAuth(Author.PAGE, properties, page, oauth, api, json);
    }
}
