package io.herald.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Organization webhooks' POSTs get the public-address rule of image fetches, and no second lookup. */
class WebhookPostGuardsTests {

    @Test
    void aWebhookOnAPrivateAddressIsRefusedUnlessPrivateHostsAreAllowed() throws Exception {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        var received = new CopyOnWriteArrayList<String>();
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("X-Herald-Event"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        HostResolver local = host -> List.of(InetAddress.getByName("127.0.0.1"));
        var http = new PlatformHttp(
                PlatformHttpTests.properties(false),
                JsonMapper.builder().build(),
                OwnMedia.NONE,
                local,
                NetworkAddresses::isPublic);
        var url = URI.create("http://receiver.test:" + server.getAddress().getPort() + "/hook");
        try {
            assertThatThrownBy(() -> http.postToUserUrl(
                            url, false, Map.of("X-Herald-Event", "post.created"), "{}", Duration.ofSeconds(5)))
                    .isInstanceOf(PlatformException.class)
                    .hasMessage("the webhook " + url + " is on a private network address (127.0.0.1); Herald delivers"
                            + " webhooks only to public hosts (herald.events.webhooks.allow-private-hosts)");
            assertThat(received).isEmpty();

            assertThat(http.postToUserUrl(
                            url, true, Map.of("X-Herald-Event", "post.created"), "{}", Duration.ofSeconds(5)))
                    .isEqualTo(204);
            assertThat(received).containsExactly("post.created");
        } finally {
            server.stop(0);
        }
    }
}
