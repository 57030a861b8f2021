package io.herald.integrations;

import io.herald.integrations.linkedin.FakeLinkedIn;
import io.herald.integrations.x.FakeX;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The fake X and LinkedIn, one of each for the test JVM, and the settings that point Herald's
 * providers at them (client ids and secrets included). Tests reset them before they start.
 */
public final class FakePlatforms implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final FakeX X = new FakeX();

    public static final FakeLinkedIn LINKEDIN = new FakeLinkedIn();

    /** The settings, as {@code name=value}, for any Herald that should talk to the fakes. */
    public static List<String> settings() {
        return List.of(
                "herald.providers.x.client-id=" + FakeX.CLIENT_ID,
                "herald.providers.x.client-secret=" + FakeX.CLIENT_SECRET,
                "herald.providers.x.authorization-url=" + X.url("/i/oauth2/authorize"),
                "herald.providers.x.api-url=" + X.url(""),
                "herald.providers.linkedin.client-id=" + FakeLinkedIn.CLIENT_ID,
                "herald.providers.linkedin.client-secret=" + FakeLinkedIn.CLIENT_SECRET,
                "herald.providers.linkedin.authorization-url=" + LINKEDIN.url("/oauth/v2/authorization"),
                "herald.providers.linkedin.token-url=" + LINKEDIN.url("/oauth/v2/accessToken"),
                "herald.providers.linkedin.api-url=" + LINKEDIN.url(""),
                "herald.providers.linkedin.version=" + FakeLinkedIn.VERSION);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(
                context, settings().toArray(String[]::new));
    }
}
