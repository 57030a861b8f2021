package io.herald.integrations.bluesky;

import io.herald.integrations.ChannelTools;
import io.herald.integrations.PlatformException;
import io.herald.integrations.PlatformHttp;
import io.herald.integrations.ToolDataException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bluesky's tools: a handle's DID, through the account's PDS ({@code com.atproto.identity.resolveHandle}). */
@Component
class BlueskyTools implements ChannelTools {

    // the AT Protocol's handle syntax: DNS labels, the last one starting with a letter
    private static final Pattern HANDLE = Pattern.compile(
            "([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    private static final List<Tool> TOOLS = List.of(new Tool(
            "lookupHandle",
            "The DID of a Bluesky handle, to mention or look up the account",
            List.of(new Field("handle", "string", "A handle such as alice.bsky.social, without @"))));

    private final PlatformHttp http;

    private final JsonMapper json;

    BlueskyTools(PlatformHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public String identifier() {
        return "bluesky";
    }

    @Override
    public List<Tool> tools() {
        return TOOLS;
    }

    @Override
    public JsonNode run(String methodName, JsonNode data, JsonNode config) {
        if (!methodName.equals("lookupHandle")) {
            throw new IllegalArgumentException("Bluesky has no tool " + methodName);
        }
        var handle = data.path("handle").asString("").strip().replaceFirst("^@", "");
        if (handle.length() > 253 || !HANDLE.matcher(handle).matches()) {
            throw new ToolDataException("data.handle must be a Bluesky handle such as alice.bsky.social");
        }
        var uri = BlueskySession.xrpc(
                BlueskySession.service(config),
                "com.atproto.identity.resolveHandle?handle=" + BlueskySession.encode(handle));
        var did = http.sendForJson("Bluesky", () -> http.request(uri).GET().build(), true)
                .path("did");
        if (!did.isString()) {
            throw new PlatformException("Bluesky answered without the handle's DID");
        }
        return json.createObjectNode().put("handle", handle).put("did", did.asString());
    }
}
