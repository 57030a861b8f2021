package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.integrations.discord.FakeDiscord;
import io.herald.integrations.instagram.FakeInstagram;
import io.herald.integrations.mastodon.MastodonInstanceStub;
import io.herald.integrations.slack.FakeSlack;
import io.herald.integrations.telegram.FakeTelegram;
import io.herald.support.HeraldClient;
import io.herald.support.Tenant;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One group for every connected platform at once (Facebook, Instagram, Threads, X, LinkedIn,
 * Mastodon, Discord, Slack and Telegram), each with an image: every platform publishes its post exactly once, and
 * {@code GET /posts} shows each member's {@code releaseURL} as its platform told it.
 */
@ChannelsTest
class OneGroupEverywhereIntegrationTests {

    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3};

    @LocalServerPort
    int port;

    Tenant tenant;

    MastodonInstanceStub mastodon;

    @BeforeEach
    void setUp() {
        FakePlatforms.FACEBOOK.reset();
        FakePlatforms.INSTAGRAM.reset();
        FakePlatforms.THREADS.reset();
        FakePlatforms.X.reset();
        FakePlatforms.LINKEDIN.reset();
        FakePlatforms.DISCORD.reset();
        FakePlatforms.SLACK.reset();
        FakePlatforms.TELEGRAM.reset();
        mastodon = new MastodonInstanceStub();
        tenant = Tenant.create(new HeraldClient(port));
    }

    @AfterEach
    void tearDown() {
        mastodon.close();
    }

    @Test
    void aGroupForEveryPlatformIsPublishedOnEachExactlyOnceWithEachReleaseUrl() {
        FakePlatforms.FACEBOOK.manages("1001", "Herald Cafe", "heraldcafe");
        FakePlatforms.INSTAGRAM.links(
                "2002", "Studio page", new FakeInstagram.Account("17841400000000001", "herald.studio", "Studio", null));
        var images = new LinkedHashMap<String, String>();
        images.put(Browser.connect(tenant, "facebook"), FakePlatforms.FACEBOOK.file("a.jpg", JPEG));
        images.put(Browser.connect(tenant, "instagram"), FakePlatforms.INSTAGRAM.file("a.jpg", JPEG));
        images.put(Browser.connect(tenant, "threads"), FakePlatforms.THREADS.file("a.jpg", JPEG));
        images.put(Browser.connect(tenant, "x"), FakePlatforms.X.file("a.jpg", "image/jpeg", JPEG));
        images.put(Browser.connect(tenant, "linkedin"), FakePlatforms.LINKEDIN.file("a.jpg", JPEG));
        images.put(
                tenant.integration(
                        "Toots",
                        "mastodon",
                        "{\"instanceUrl\":\"%s\",\"accessToken\":\"%s\"}"
                                .formatted(mastodon.url(), MastodonInstanceStub.TOKEN)),
                mastodon.file("a.jpg", JPEG));
        var discord = Browser.connect(tenant, "discord");
        images.put(discord, FakePlatforms.DISCORD.file("a.jpg", "image/jpeg", JPEG));
        var slack = Browser.connect(tenant, "slack");
        images.put(slack, FakePlatforms.SLACK.file("a.jpg", "image/jpeg", JPEG));
        images.put(
                tenant.integration(
                        "News",
                        "telegram",
                        "{\"botToken\":\"%s\",\"chatId\":\"%s\"}"
                                .formatted(FakeTelegram.TOKEN, FakeTelegram.CHANNEL.id())),
                FakePlatforms.TELEGRAM.file("a.jpg", "image/jpeg", JPEG));
        // the chat platforms post in the channel Postiz's setting names
        var settings = new LinkedHashMap<String, String>();
        settings.put(discord, "{\"__type\":\"discord\",\"channel\":\"" + FakeDiscord.LAB_GENERAL + "\"}");
        settings.put(slack, "{\"__type\":\"slack\",\"channel\":\"" + FakeSlack.GENERAL + "\"}");
        var entries = new StringBuilder();
        images.forEach((integration, image) -> entries.append(entries.isEmpty() ? "" : ",")
                .append("""
                        {"integration":{"id":"%s"},"settings":%s,"value":[{"content":"Everywhere at once","image":[{"id":"1","path":"%s"}]}]}""".formatted(integration, settings.getOrDefault(integration, "{}"), image)));

        var created = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],"posts":[%s]}""".formatted(entries));

        assertThat(created).hasSize(9);
        var posts = new Publishing(tenant, null);
        var listed = created.valueStream()
                .map(post -> posts.awaitStatus(post.path("postId").asString(), "published"))
                .toList();
        assertThat(created.valueStream()
                        .map(post -> post.path("group").asString())
                        .distinct())
                .hasSize(1);
        assertThat(FakePlatforms.FACEBOOK.posts()).hasSize(1);
        assertThat(FakePlatforms.INSTAGRAM.media()).hasSize(1);
        assertThat(FakePlatforms.THREADS.posts()).hasSize(1);
        assertThat(FakePlatforms.X.tweets()).hasSize(1);
        assertThat(FakePlatforms.LINKEDIN.posts()).hasSize(1);
        assertThat(mastodon.statuses()).hasSize(1);
        assertThat(FakePlatforms.DISCORD.messages()).hasSize(1);
        assertThat(FakePlatforms.SLACK.messages()).hasSize(1);
        assertThat(FakePlatforms.TELEGRAM.messages()).hasSize(1);
        var facebookPost = FakePlatforms.FACEBOOK.posts().get(0).path("id").asString();
        assertThat(listed)
                .extracting(post -> post.path("releaseURL").asString())
                .containsExactly(
                        "https://www.facebook.com/1001/posts/" + facebookPost.substring("1001_".length()),
                        "https://www.instagram.com/p/"
                                + FakePlatforms.INSTAGRAM
                                        .media()
                                        .get(0)
                                        .path("shortcode")
                                        .asString() + "/",
                        "https://www.threads.net/@heraldtest/post/"
                                + FakePlatforms.THREADS
                                        .posts()
                                        .get(0)
                                        .path("code")
                                        .asString(),
                        "https://x.com/heraldtest/status/"
                                + FakePlatforms.X.tweets().get(0).path("id").asString(),
                        "https://www.linkedin.com/feed/update/"
                                + FakePlatforms.LINKEDIN
                                        .posts()
                                        .get(0)
                                        .path("id")
                                        .asString(),
                        mastodon.statuses().get(0).path("url").asString(),
                        "https://discord.com/channels/" + FakeDiscord.LAB.id() + "/" + FakeDiscord.LAB_GENERAL + "/"
                                + FakePlatforms.DISCORD.messages().get(0).id(),
                        "https://heraldlab.slack.com/archives/" + FakeSlack.GENERAL + "/p"
                                + FakePlatforms.SLACK.messages().get(0).ts().replace(".", ""),
                        "https://t.me/heraldnews/1");
    }
}
