package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.integrations.discord.FakeDiscord;
import io.herald.integrations.slack.FakeSlack;
import io.herald.integrations.telegram.FakeTelegram;
import io.herald.support.HeraldClient;
import io.herald.support.PlatformStub;
import io.herald.support.Tenant;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One group for Discord, Slack and Telegram together with X, LinkedIn and Mastodon (spec §12): each
 * platform gets its post exactly once, and {@code GET /posts} shows every member's release.
 */
@ChannelsTest
class ChatChannelsGroupIntegrationTests {

    @LocalServerPort
    int port;

    Tenant tenant;

    PlatformStub mastodon;

    @BeforeEach
    void setUp() {
        FakePlatforms.X.reset();
        FakePlatforms.LINKEDIN.reset();
        FakePlatforms.DISCORD.reset();
        FakePlatforms.SLACK.reset();
        FakePlatforms.TELEGRAM.reset();
        mastodon = new PlatformStub();
        mastodon.answer(request -> PlatformStub.Answer.json(
                200, "{\"id\":\"110000000000000001\",\"url\":\"https://m.test/@herald/110000000000000001\"}"));
        tenant = Tenant.create(new HeraldClient(port));
    }

    @AfterEach
    void tearDown() {
        mastodon.close();
    }

    @Test
    void aGroupForEveryChannelIsPublishedEverywhereOnceWithEachMembersRelease() {
        var discord = Browser.connect(tenant, "discord");
        var slack = Browser.connect(tenant, "slack");
        var x = Browser.connect(tenant, "x");
        var linkedin = Browser.connect(tenant, "linkedin");
        var telegram = tenant.integration(
                "News",
                "telegram",
                "{\"botToken\":\"" + FakeTelegram.TOKEN + "\",\"chatId\":\"" + FakeTelegram.CHANNEL.id() + "\"}");
        var toots = tenant.integration(
                "Toots", "mastodon", "{\"instanceUrl\":\"" + mastodon.url("") + "\",\"accessToken\":\"m-token\"}");

        var created = tenant.createPosts("""
                {"type":"now","shortLink":false,"tags":[],"posts":[
                  {"integration":{"id":"%s"},"settings":{"__type":"discord","channel":"%s"},"value":[{"content":"Everywhere"}]},
                  {"integration":{"id":"%s"},"settings":{"__type":"slack","channel":"%s"},"value":[{"content":"Everywhere"}]},
                  {"integration":{"id":"%s"},"settings":{"__type":"telegram"},"value":[{"content":"Everywhere"}]},
                  {"integration":{"id":"%s"},"settings":{"__type":"x"},"value":[{"content":"Everywhere"}]},
                  {"integration":{"id":"%s"},"settings":{"__type":"linkedin"},"value":[{"content":"Everywhere"}]},
                  {"integration":{"id":"%s"},"value":[{"content":"Everywhere"}]}]}""".formatted(
                        discord, FakeDiscord.LAB_GENERAL, slack, FakeSlack.GENERAL, telegram, x, linkedin, toots));

        var group = created.get(0).path("group").asString();
        assertThat(created)
                .hasSize(6)
                .allSatisfy(post -> assertThat(post.path("group").asString()).isEqualTo(group));
        var urls = new HashMap<String, String>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            urls.clear();
            for (var post : tenant.get("/public/v1/posts?startDate=2000-01-01&endDate=2100-01-01")
                    .json()
                    .path("posts")) {
                if (post.path("status").asString().equals("published")) {
                    urls.put(
                            post.path("integration").path("id").asString(),
                            post.path("releaseURL").asString());
                }
            }
            return urls.size() == 6;
        });
        assertThat(FakePlatforms.DISCORD.messages()).hasSize(1);
        assertThat(FakePlatforms.SLACK.messages()).hasSize(1);
        assertThat(FakePlatforms.TELEGRAM.messages()).hasSize(1);
        assertThat(FakePlatforms.X.tweets()).hasSize(1);
        assertThat(FakePlatforms.LINKEDIN.posts()).hasSize(1);
        assertThat(mastodon.received("/api/v1/statuses")).hasSize(1);
        assertThat(urls)
                .containsEntry(
                        discord,
                        "https://discord.com/channels/" + FakeDiscord.LAB.id() + "/" + FakeDiscord.LAB_GENERAL + "/"
                                + FakePlatforms.DISCORD.messages().get(0).id())
                .containsEntry(
                        slack,
                        "https://heraldlab.slack.com/archives/C0GENERAL1/p"
                                + FakePlatforms.SLACK.messages().get(0).ts().replace(".", ""))
                .containsEntry(telegram, "https://t.me/heraldnews/1")
                .containsEntry(
                        x,
                        "https://x.com/heraldtest/status/"
                                + FakePlatforms.X.tweets().get(0).path("id").asString())
                .containsEntry(toots, "https://m.test/@herald/110000000000000001");
        assertThat(urls.get(linkedin)).startsWith("https://www.linkedin.com/feed/update/urn:li:share:");
    }
}
