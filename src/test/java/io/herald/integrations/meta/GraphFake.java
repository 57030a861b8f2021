package io.herald.integrations.meta;

import io.herald.support.PlatformStub;
import io.herald.support.PlatformStub.Answer;
import io.herald.support.PlatformStub.Received;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake Meta platform on a local port, and the public server its posts' media are on: Meta fetches
 * media from their URL itself, so a fake takes a URL only when it serves that file, under
 * {@code /files/}. Every request is recorded.
 */
public abstract class GraphFake implements AutoCloseable {

    private final PlatformStub http = new PlatformStub();

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    protected GraphFake() {
        http.answer(request -> request.path().startsWith("/files/") ? serve(request) : answer(request));
    }

    /** The platform's answer to a request of its API. */
    protected abstract Answer answer(Received request);

    public String url(String path) {
        return http.url(path);
    }

    /** Serves {@code bytes} at {@code /files/<name>} and answers its URL. */
    public String file(String name, byte[] bytes) {
        files.put(name, bytes.clone());
        return http.url("/files/" + name);
    }

    public List<Received> received() {
        return http.received();
    }

    public List<Received> received(String path) {
        return http.received(path);
    }

    /** Forgets the requests received so far (tokens, posts and files stay). */
    public void forgetRequests() {
        http.clear();
    }

    @Override
    public void close() {
        http.close();
    }

    /** Forgets the files and the requests; a fake's {@code reset} forgets the rest. */
    protected void clear() {
        files.clear();
        http.clear();
    }

    /** Whether Meta could fetch {@code url}: one of the files served here. */
    protected boolean fetchable(String url) {
        var prefix = http.url("/files/");
        return url != null && url.startsWith(prefix) && files.containsKey(url.substring(prefix.length()));
    }

    private Answer serve(Received request) {
        var file = files.get(request.path().substring("/files/".length()));
        return file == null ? Answer.json(404, "{}") : Answer.bytes(200, "application/octet-stream", file);
    }
}
