package io.herald.content;

import io.herald.kernel.StorableText;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeVisitor;

/**
 * Post content is HTML as Postiz's editor writes it, or plain text. Herald stores it sanitized to a
 * small safe subset and sends platforms its plain-text form; jsoup does both.
 */
public final class Html {

    private static final Safelist SAFE = new Safelist()
            .addTags("p", "br", "strong", "em", "u", "a", "ul", "ol", "li", "h1", "h2", "h3", "span")
            .addAttributes("a", "href")
            .addProtocols("a", "href", "http", "https", "mailto");

    private static final Document.OutputSettings OUTPUT =
            new Document.OutputSettings().prettyPrint(false).charset("UTF-8");

    private static final Set<String> BLOCKS = Set.of("p", "h1", "h2", "h3", "ul", "ol", "li", "div");

    private Html() {}

    /**
     * The content with everything outside the safe subset removed (no scripts, handlers or
     * javascript: links), and its plain text, from one parse. Characters the database cannot store
     * (NUL, unpaired surrogates) are removed too, as a sanitizer removes what it cannot keep.
     */
    public static Sanitized sanitized(String content) {
        var body = clean(StorableText.strip(content)).body();
        return new Sanitized(body.html(), text(body));
    }

    /** The plain text a platform shows: paragraphs and breaks become new lines, links keep their address. */
    public static String text(String html) {
        return text(Jsoup.parseBodyFragment(html).body());
    }

    /** What {@code Jsoup.clean} does, keeping the document. */
    private static Document clean(String content) {
        var clean = new Cleaner(SAFE).clean(Jsoup.parseBodyFragment(content, ""));
        clean.outputSettings(OUTPUT);
        return clean;
    }

    private static String text(Element body) {
        var text = new StringBuilder();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    if (!(textNode.isBlank() && touchesBlock(textNode))) {
                        text.append(textNode.getWholeText());
                    }
                } else if (node instanceof Element element) {
                    if (element.nameIs("br")) {
                        text.append('\n');
                    } else if (isBlock(element)) {
                        newLine(text);
                        if (element.nameIs("li")) {
                            text.append("- ");
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    if (isBlock(element)) {
                        newLine(text);
                    } else if (element.nameIs("a")) {
                        var href = element.attr("href");
                        if (!href.isEmpty() && !href.equals(element.text().trim())) {
                            text.append(" (").append(href).append(')');
                        }
                    }
                }
            }
        });
        return text.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    /** Safe HTML and the plain text it shows. */
    public record Sanitized(String html, String text) {}

    private static boolean isBlock(Node node) {
        return node instanceof Element element && BLOCKS.contains(element.normalName());
    }

    private static boolean touchesBlock(TextNode node) {
        return isBlock(node.previousSibling()) || isBlock(node.nextSibling());
    }

    private static void newLine(StringBuilder text) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
    }
}
