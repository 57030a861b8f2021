package io.herald.integrations;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Where platforms send the browser back after the authorization, and where it picks one of the
 * accounts on offer. No credential: the single-use {@code state} (or choice token) is what binds
 * the request to the organization that started it. Every outcome is a small page saying what
 * happened; the browser's user is a person, not a client of the API.
 */
@Controller
class OAuthCallbackController {

    static final String PATH = "/integrations/oauth/{provider}";

    private final Connections connections;

    OAuthCallbackController(Connections connections) {
        this.connections = connections;
    }

    @GetMapping(value = PATH + "/callback", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    ResponseEntity<String> callback(
            @PathVariable String provider,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String error,
            @RequestParam(name = "error_description", required = false) String errorDescription) {
        return page(connections.callback(provider, state, code, error, errorDescription));
    }

    @PostMapping(value = PATH + "/choose", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    ResponseEntity<String> choose(
            @PathVariable String provider,
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String account) {
        return page(connections.choose(provider, token, account));
    }

    /**
     * Not cached, not framed, no referrer (the callback's URL holds the code), and nothing runs:
     * the pages have no script, only an inline style and a form back to this server.
     */
    private static ResponseEntity<String> page(Connection connection) {
        var status = connection instanceof Connection.Refused refused ? refused.status() : 200;
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer")
                .body(ConnectionPage.of(connection));
    }
}
