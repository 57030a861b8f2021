package io.herald.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a {@code multipart/form-data} body the way a server would, to check what Herald uploaded. */
public record MultipartBody(List<Part> parts) {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");

    private static final Pattern FILE_NAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    public record Part(String name, String fileName, Map<String, String> headers, byte[] content) {

        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    public static MultipartBody parse(String contentType, byte[] body) {
        var boundary = BOUNDARY.matcher(contentType);
        if (!contentType.startsWith("multipart/form-data") || !boundary.find()) {
            throw new IllegalArgumentException("not multipart/form-data: " + contentType);
        }
        var delimiter = ("--" + boundary.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        var text = new String(body, StandardCharsets.ISO_8859_1);
        var marker = new String(delimiter, StandardCharsets.ISO_8859_1);
        if (!text.startsWith(marker) || !text.endsWith(marker + "--\r\n")) {
            throw new IllegalArgumentException("body does not start and end with the boundary");
        }
        var parts = new ArrayList<Part>();
        var chunks =
                text.substring(0, text.length() - (marker + "--\r\n").length()).split(Pattern.quote(marker));
        for (var chunk : Arrays.asList(chunks).subList(1, chunks.length)) {
            if (!chunk.startsWith("\r\n") || !chunk.endsWith("\r\n")) {
                throw new IllegalArgumentException("malformed part");
            }
            var part = chunk.substring(2, chunk.length() - 2);
            var split = part.indexOf("\r\n\r\n");
            var headers = new LinkedHashMap<String, String>();
            for (var line : part.substring(0, split).split("\r\n")) {
                var colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
            var disposition = headers.getOrDefault("Content-Disposition", "");
            var name = NAME.matcher(disposition);
            var fileName = FILE_NAME.matcher(disposition);
            parts.add(new Part(
                    name.find() ? name.group(1) : null,
                    fileName.find() ? fileName.group(1) : null,
                    headers,
                    part.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1)));
        }
        return new MultipartBody(parts);
    }

    public Part part(String name) {
        return parts.stream()
                .filter(p -> name.equals(p.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no part " + name));
    }
}
