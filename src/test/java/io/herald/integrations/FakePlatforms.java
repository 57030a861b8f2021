package io.herald.integrations;

import io.herald.integrations.discord.FakeDiscord;
import io.herald.integrations.facebook.FakeFacebook;
import io.herald.integrations.instagram.FakeInstagram;
import io.herald.integrations.linkedin.FakeLinkedIn;
import io.herald.integrations.meta.FakeFacebookLogin;
import io.herald.integrations.meta.Graph;
import io.herald.integrations.slack.FakeSlack;
import io.herald.integrations.telegram.FakeTelegram;
import io.herald.integrations.threads.FakeThreads;
import io.herald.integrations.x.FakeX;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The fake X, LinkedIn, Facebook, Instagram, Threads, Telegram, Discord and Slack, one of each for
 * the test JVM, and the settings that point Herald's providers at them (client ids and secrets
 * included). Tests reset them before they start.
 */
public final class FakePlatforms implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final FakeX X = new FakeX();

    public static final FakeLinkedIn LINKEDIN = new FakeLinkedIn();

    public static final FakeFacebook FACEBOOK = new FakeFacebook();

    public static final FakeInstagram INSTAGRAM = new FakeInstagram();

    public static final FakeThreads THREADS = new FakeThreads();

    public static final FakeTelegram TELEGRAM = new FakeTelegram();

    public static final FakeDiscord DISCORD = new FakeDiscord();

    public static final FakeSlack SLACK = new FakeSlack();

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
                "herald.providers.linkedin.version=" + FakeLinkedIn.VERSION,
                "herald.providers.facebook.client-id=" + FakeFacebookLogin.CLIENT_ID,
                "herald.providers.facebook.client-secret=" + FakeFacebookLogin.CLIENT_SECRET,
                "herald.providers.facebook.authorization-url=" + FACEBOOK.url(Graph.VERSION + "/dialog/oauth"),
                "herald.providers.facebook.graph-url=" + FACEBOOK.url(Graph.VERSION),
                // the same app (Instagram's client id and secret default to Facebook's), its own fake
                "herald.providers.instagram.authorization-url=" + INSTAGRAM.url(Graph.VERSION + "/dialog/oauth"),
                "herald.providers.instagram.graph-url=" + INSTAGRAM.url(Graph.VERSION),
                "herald.providers.threads.client-id=" + FakeThreads.CLIENT_ID,
                "herald.providers.threads.client-secret=" + FakeThreads.CLIENT_SECRET,
                "herald.providers.threads.authorization-url=" + THREADS.url("/oauth/authorize"),
                "herald.providers.threads.api-url=" + THREADS.url(""),
                "herald.providers.telegram.api-url=" + TELEGRAM.url(""),
                "herald.providers.discord.client-id=" + FakeDiscord.CLIENT_ID,
                "herald.providers.discord.client-secret=" + FakeDiscord.CLIENT_SECRET,
                "herald.providers.discord.bot-token=" + FakeDiscord.BOT_TOKEN,
                "herald.providers.discord.authorization-url=" + DISCORD.url("/oauth2/authorize"),
                "herald.providers.discord.api-url=" + DISCORD.url("/api/v10"),
                "herald.providers.slack.client-id=" + FakeSlack.CLIENT_ID,
                "herald.providers.slack.client-secret=" + FakeSlack.CLIENT_SECRET,
                "herald.providers.slack.authorization-url=" + SLACK.url("/oauth/v2/authorize"),
                "herald.providers.slack.api-url=" + SLACK.url("/api"));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(
                context, settings().toArray(String[]::new));
    }
}
