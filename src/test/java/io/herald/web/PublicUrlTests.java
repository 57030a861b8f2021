package io.herald.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.env.StandardEnvironment;

/** Which URLs are Herald's own media: the only own URLs an image fetch may take from a private address. */
class PublicUrlTests {

    private final PublicUrl publicUrl =
            new PublicUrl(new PublicUrlProperties("https://herald.test:8443/api/"), new StandardEnvironment());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://herald.test:8443/api/media/0123456789abcdef0123456789abcdef.png",
                "https://HERALD.test:8443/api/media/0123456789abcdef0123456789abcdef.png",
                "https://herald.test:8443/api/media/0123456789abcdef0123456789abcdef.png?size=small"
            })
    void servesItsMedia(String url) {
        assertThat(publicUrl.mediaName(URI.create(url))).as(url).hasValue("0123456789abcdef0123456789abcdef.png");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://herald.test:8443/api/admin/v1/organizations",
                "https://herald.test:8443/api/actuator/prometheus",
                "https://herald.test:8443/api/media/",
                "https://herald.test:8443/api/media/../admin/v1/organizations",
                "https://herald.test:8443/api/media/%2e%2e/actuator",
                "https://herald.test:8443/api/media/..",
                "https://herald.test:8443/api/media/a/b.png",
                "https://herald.test:8443/api/media/a%2fb.png",
                "https://herald.test:8443/media/a.png",
                "https://herald.test:8443/api/mediaa/a.png",
                "https://user@herald.test:8443/api/media/a.png",
                "http://herald.test:8443/api/media/a.png",
                "https://herald.test/api/media/a.png",
                "https://other.test:8443/api/media/a.png"
            })
    void servesNothingElseOfItsOwnHostAsMedia(String url) {
        assertThat(publicUrl.mediaName(URI.create(url))).as(url).isEmpty();
    }
}
